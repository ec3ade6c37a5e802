"""Writes a Feedback API response with N orders (0-3 product reviews each) to stdout."""
import json
import random
import sys

orders = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(7)
comments = ["Calitate excelentă, recomand!", "Perfect match for my summer outfits", "Mărimea nu s-a potrivit.", "Very comfortable", None]
out = sys.stdout
out.write('{"status":"success","data":[')
for i in range(orders):
    if i:
        out.write(",")
    reviews = []
    for _ in range(rng.randrange(4)):
        score = rng.choice([None, 0, 4, 6, 8, 9, 10, 10])
        comment = rng.choice(comments) if score is not None else rng.choice(comments[:4])
        reviews.append({"realid": str(rng.randrange(5000)), "added_on": "2025-%02d-%02d 12:%02d:00" % (rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(60)), "score": score, "comment": comment})
    out.write(json.dumps({
        "order": {"orderno": str(100000 + i), "date": "2025-03-%02d 10:00:00" % rng.randrange(1, 29)},
        "score": rng.randrange(11), "comment": rng.choice(comments),
        "added_on": "2025-04-%02d 18:30:00" % rng.randrange(1, 29),
        "product_reviews": reviews,
    }, ensure_ascii=False))
out.write("]}")
