//! `<stele-reviews>`: stars, the histogram's filters, sorting and paging, the requests it
//! makes, and how a review is drawn (text only, relative dates, read more).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::support::*;

#[wasm_bindgen_test]
async fn star_fill_and_labels() {
    for (stars, width, label) in [
        (0.0, "0.0", "Rated 0.0 out of 5"),
        (0.5, "12.0", "Rated 0.5 out of 5"),
        (2.26, "56.1", "Rated 2.3 out of 5"),
        (4.1, "100.2", "Rated 4.1 out of 5"),
        (4.5, "108.0", "Rated 4.5 out of 5"),
        (5.0, "120.0", "Rated 5.0 out of 5"),
    ] {
        let scores: Vec<u8> = vec![(stars * 2.0) as u8];
        let mut summary = summary(&scores, 0);
        summary.average = Some(stars);
        script_network(&[(
            "v1/products/p1.json",
            200,
            product(summary, page(vec![], 1, 0)),
        )]);
        let host = element("stele-reviews", &[]);
        let mut mounted = stele::mount(
            host.clone(),
            "reviews",
            options(&format!(r#"{{"product":"p1","src":"{SRC}","lang":"en"}}"#)),
        );
        sleep(50).await;
        let root = shadow(&host);
        let rating = one(&root, ".stele-summary [role=img]");
        assert_eq!(
            rating.get_attribute("aria-label").unwrap(),
            format!("{label}, 1 review"),
            "{stars}"
        );
        assert_eq!(
            one(&root, ".stele-summary svg svg")
                .get_attribute("width")
                .unwrap(),
            width,
            "{stars}"
        );
        assert_eq!(
            one(&root, ".stele-summary [role=img] > svg")
                .get_attribute("aria-hidden")
                .unwrap(),
            "true"
        );
        assert_eq!(
            all(&root, "[role=img][aria-label]").len(),
            1,
            "exactly one accessible name per rating"
        );
        mounted.unmount();
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn histogram_rows_filter_the_list_and_announce_it() {
    let (first, reviews) = five_reviews();
    let fives = serde_json::to_string(&page(
        vec![reviews[0].clone(), reviews[1].clone(), reviews[4].clone()],
        1,
        3,
    ))
    .unwrap();
    script_network(&[
        ("reviews/newest/stars-5/1.json", 200, fives),
        ("v1/products/p1.json", 200, first),
    ]);
    let host = element("stele-reviews", &[]);
    let filters = record(&host, "stele:filter");
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"}}"#)),
    );
    sleep(50).await;
    let root = shadow(&host);
    assert_eq!(all(&root, ".stele-list > li").len(), 5);
    let row = &all(&root, ".stele-histogram__row")[0];
    assert_eq!(row.get_attribute("aria-pressed").unwrap(), "false");
    row.unchecked_ref::<HtmlElement>().click();
    sleep(50).await;
    assert_eq!(
        all(&root, ".stele-histogram__row")[0]
            .get_attribute("aria-pressed")
            .unwrap(),
        "true"
    );
    assert_eq!(all(&root, ".stele-list > li").len(), 3);
    assert!(
        requests()
            .iter()
            .any(|url| url == &format!("{SRC}v1/products/p1/reviews/newest/stars-5/1.json")),
        "{:?}",
        requests()
    );
    assert_eq!(
        filters.borrow().as_slice(),
        [r#"{"stars":5,"withComment":false,"query":""}"#]
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_failed_filter_puts_the_controls_back() {
    let (first, _) = five_reviews();
    script_network(&[
        ("reviews/newest/stars-5/1.json", 503, "{}".into()),
        ("v1/products/p1/reviews?", 503, "{}".into()),
        ("reviews/lowest/1.json", 503, "{}".into()),
        ("v1/products/p1.json", 200, first),
    ]);
    let warnings = capture_console_warn();
    let (host, root, _mounted) = mount_p1("").await;
    let pressed = |root: &ShadowRoot| {
        all(root, ".stele-histogram__row")
            .iter()
            .filter(|row| row.get_attribute("aria-pressed").as_deref() == Some("true"))
            .count()
    };

    all(&root, ".stele-histogram__row")[0]
        .unchecked_ref::<HtmlElement>()
        .click();
    sleep(50).await;
    assert_eq!(
        pressed(&root),
        0,
        "the row is not left pressed over an unfiltered list"
    );

    let checkbox: web_sys::HtmlInputElement = one(&root, "input[type=checkbox]").unchecked_into();
    checkbox.click();
    sleep(50).await;
    assert!(!checkbox.checked(), "\"with comment\" unticks again");

    let select = choose_sort(&root, "lowest").await;
    assert_eq!(select.value(), "newest", "the sort shown is the list's");

    assert_eq!(
        all(&root, ".stele-list > li").len(),
        5,
        "the list is untouched"
    );
    assert!(
        all(&root, ".stele-empty").is_empty(),
        "no false \"no match\""
    );
    let hints: Vec<String> = warnings()
        .into_iter()
        .filter(|w| w.starts_with("[stele] <stele-reviews product=\"p1\">: HTTP 503"))
        .collect();
    assert_eq!(hints.len(), 3, "{hints:?}");
    host.remove();
}

#[wasm_bindgen_test]
async fn sorting_and_load_more() {
    let (first, reviews) = five_reviews();
    let lowest =
        serde_json::to_string(&page(vec![reviews[3].clone(), reviews[2].clone()], 1, 25)).unwrap();
    let lowest_two =
        serde_json::to_string(&page(vec![review("f", Some(3), Some("Meh"), 9)], 2, 25)).unwrap();
    script_network(&[
        ("reviews/lowest/1.json", 200, lowest),
        ("reviews/lowest/2.json", 200, lowest_two),
        ("v1/products/p1.json", 200, first),
    ]);
    let host = element("stele-reviews", &[]);
    let (sorts, mores, ready) = (
        record(&host, "stele:sort"),
        record(&host, "stele:more"),
        record(&host, "stele:ready"),
    );
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"}}"#)),
    );
    sleep(50).await;
    assert_eq!(
        ready.borrow().as_slice(),
        [r#"{"kind":"reviews","product":"p1"}"#]
    );
    let root = shadow(&host);
    choose_sort(&root, "lowest").await;
    let comments: Vec<String> = all(&root, ".stele-list > li")
        .iter()
        .map(|li| li.text_content().unwrap())
        .collect();
    assert_eq!(comments.len(), 2);
    assert!(comments[0].contains("Slab"), "{comments:?}");
    assert_eq!(sorts.borrow().as_slice(), [r#"{"sort":"lowest"}"#]);

    let first_card = one(&root, ".stele-list > li");
    let more = one(&root, ".stele-more");
    more.unchecked_ref::<HtmlElement>().focus().unwrap();
    more.unchecked_ref::<HtmlElement>().click();
    sleep(50).await;
    let items = all(&root, ".stele-list > li");
    assert_eq!(items.len(), 3, "page 2 is appended without a reload");
    assert!(
        items[0].is_same_node(Some(&first_card)),
        "cards already shown are kept, not rebuilt"
    );
    assert_eq!(mores.borrow().as_slice(), [r#"{"page":2}"#]);
    assert!(
        more.is_connected() && !more.has_attribute("disabled"),
        "more pages remain: the pressed button is the same element, enabled again"
    );
    let focused = root.active_element().expect("focus stays in the widget");
    assert!(
        items[2]
            .first_element_child()
            .is_some_and(|article| article == focused),
        "focus moves to the first new review: {}",
        focused.outer_html()
    );
    assert_eq!(
        one(&root, "[role=status]").text_content().unwrap(),
        "Showing 3 of 25"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_new_filter_supersedes_the_sort_on_its_way() {
    let (first, reviews) = five_reviews();
    let fives = serde_json::to_string(&page(
        vec![reviews[4].clone(), reviews[0].clone(), reviews[1].clone()],
        1,
        3,
    ))
    .unwrap();
    script_network(&[
        ("reviews/lowest/stars-5/1.json", 200, fives),
        // The sort's page never comes (until the element goes).
        ("reviews/lowest/1.json", 0, String::new()),
        ("v1/products/p1.json", 200, first),
    ]);
    let (host, root, _mounted) = mount_p1("").await;
    choose_sort(&root, "lowest").await;
    let list = one(&root, ".stele-list");
    assert_eq!(list.get_attribute("aria-busy").as_deref(), Some("true"));
    all(&root, ".stele-histogram__row")[0]
        .unchecked_ref::<HtmlElement>()
        .click();
    sleep(50).await;
    assert_eq!(
        list.get_attribute("aria-busy").as_deref(),
        Some("false"),
        "the newer request answered: nothing else is awaited"
    );
    assert_eq!(all(&root, ".stele-list > li").len(), 3);
    assert_eq!(
        one(&root, "[role=status]").text_content().unwrap(),
        "Showing 3 of 3"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn page_one_comes_with_the_product_in_the_elements_sort_and_size() {
    let (_, reviews) = five_reviews();
    // The relay answers the query: page 1 as shown, in one request.
    let mut lowest = page(vec![reviews[3].clone(), reviews[2].clone()], 1, 5);
    lowest.per_page = 2;
    let body = product(summary(&[10, 9, 4, 2, 10], 4), lowest)
        .replace(r#""sort":"newest""#, r#""sort":"lowest""#);
    script_network(&[("v1/products/p1.json?sort=lowest&per_page=2", 200, body)]);
    let (host, root, _mounted) = mount_p1(r#","sort":"lowest","perPage":2"#).await;
    assert_eq!(
        requests(),
        [format!("{SRC}v1/products/p1.json?sort=lowest&per_page=2")]
    );
    let shown = all(&root, ".stele-list > li");
    assert_eq!(shown.len(), 2);
    assert!(shown[0].text_content().unwrap().contains("Slab"));
    host.remove();

    // A static export ignores the query and serves its file (newest, 10 a page): page 1 in
    // the element's sort comes from the export's own file for it, at the export's size.
    let (first, _) = five_reviews();
    let exported = first.replace(r#""source":"live""#, r#""source":"export""#);
    let sorted = serde_json::to_string(&page(vec![reviews[3].clone()], 1, 5)).unwrap();
    script_network(&[
        ("reviews/lowest/1.json", 200, sorted),
        ("v1/products/p1.json", 200, exported),
    ]);
    let (host, root, _mounted) = mount_p1(r#","sort":"lowest","perPage":" 2 ""#).await;
    assert_eq!(
        requests(),
        [
            format!("{SRC}v1/products/p1.json?sort=lowest&per_page=2"),
            format!("{SRC}v1/products/p1/reviews/lowest/1.json"),
        ]
    );
    assert_eq!(all(&root, ".stele-list > li").len(), 1);
    host.remove();

    // Testimonials: the shop comes with a page of the element's size.
    let mut four = page(testimonials(0, 4), 1, 12);
    four.per_page = 4;
    script_network(&[("v1/shop.json?per_page=4", 200, shop(four))]);
    let host = element("stele-testimonials", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "testimonials",
        options(&format!(r#"{{"src":"{SRC}","layout":"grid","perPage":4}}"#)),
    );
    sleep(50).await;
    assert_eq!(requests(), [format!("{SRC}v1/shop.json?per_page=4")]);
    assert_eq!(all(&shadow(&host), ".stele-grid > li").len(), 4);
    host.remove();
}

#[wasm_bindgen_test]
async fn requests_go_without_credentials_and_stop_when_their_element_goes() {
    script_network(&[("v1/products/p1.json", 0, String::new())]);
    let (host, root, mut mounted) = mount_p1("").await;
    assert!(
        !all(&root, ".stele-sk").is_empty(),
        "the skeleton while the data is on its way"
    );
    let signal = |n: u32| -> web_sys::AbortSignal {
        let list: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__steleSignals".into())
            .unwrap()
            .unchecked_into();
        list.get(n).unchecked_into()
    };
    assert!(!signal(0).aborted());
    let warnings = capture_console_warn();
    mounted.unmount();
    sleep(20).await;
    assert!(signal(0).aborted(), "unmounting aborts the request");
    assert_eq!(
        warnings(),
        Vec::<String>::new(),
        "nobody waits: nothing to report"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn reviews_are_drawn_from_stars_without_parsing_the_raw_score() {
    // The browser build skips a review's `score` and `product_id` unparsed (crates/core,
    // public.rs): the widget draws `stars`, and a score it would refuse costs nothing.
    let body = product(
        summary(&[8], 1),
        page(vec![review("s1", Some(8), Some("Good"), 1)], 1, 1),
    )
    .replace(r#""score":8"#, r#""score":"eight""#)
    .replace(r#""product_id":"p1","score""#, r#""product_id":7,"score""#);
    assert!(body.contains(r#""product_id":7,"score":"eight""#), "{body}");
    let (host, root, _mounted) = show_p1(body, "").await;
    let cards = all(&root, ".stele-list > li");
    assert_eq!(cards.len(), 1);
    let stars = one(&root, ".stele-list [role=img]")
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(stars, "Rated 4.0 out of 5");
    host.remove();
}

#[wasm_bindgen_test]
async fn comments_are_text_never_html() {
    let hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    let body = product(
        summary(&[2], 1),
        page(vec![review("x", Some(2), Some(hostile), 1)], 1, 1),
    );
    let (host, root, _mounted) = show_p1(body, "").await;
    assert!(
        all(&root, "img, script").is_empty(),
        "no element was created from the comment"
    );
    assert_eq!(
        one(&root, ".stele-review__comment").text_content().unwrap(),
        hostile
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn relative_dates_with_the_exact_date_in_time() {
    let (host, root, _mounted) = show_p1(
        product(
            summary(&[8], 1),
            page(vec![review("a", Some(8), Some("Bun"), 3)], 1, 1),
        ),
        "",
    )
    .await;
    let time = one(&root, "time");
    assert_eq!(time.text_content().unwrap(), "3 days ago");
    assert!(time.get_attribute("datetime").unwrap().ends_with('Z'));
    assert!(one(&root, ".stele-review__verified")
        .text_content()
        .unwrap()
        .contains("Verified buyer"));
    host.remove();
}

/// A card's buttons, fields and selects.
fn card_controls(card: &Element) -> Vec<Element> {
    let found = card
        .query_selector_all("button, input, select, textarea")
        .unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

#[wasm_bindgen_test]
async fn long_comments_clamp_with_read_more() {
    let long = "Foarte bun. ".repeat(30);
    let short_lines = "Bun\nRapid\nIeftin";
    let body = product(
        summary(&[10, 8], 2),
        page(
            vec![
                review("long", Some(10), Some(long.trim()), 1),
                review("lines", Some(8), Some(short_lines), 2),
            ],
            1,
            2,
        ),
    );
    let (host, root, _mounted) = show_p1(body, "").await;
    let cards = all(&root, ".stele-review");
    assert_eq!(cards.len(), 2);
    let comment = |card: &Element| {
        card.query_selector(".stele-review__comment")
            .unwrap()
            .unwrap()
    };
    let toggle = |card: &Element| card.query_selector("details.stele-review__toggle").unwrap();
    // The summary's text the browser shows (the other label is display: none).
    let label = |details: &Element| {
        let summary = details.query_selector("summary").unwrap().unwrap();
        summary.unchecked_ref::<HtmlElement>().inner_text()
    };

    let clamped = comment(&cards[0]);
    assert!(
        clamped.scroll_height() > clamped.client_height(),
        "the browser really hides the overflow: {} > {}",
        clamped.scroll_height(),
        clamped.client_height()
    );
    let details = toggle(&cards[0]).expect("a Read more disclosure");
    assert_eq!(label(&details), "Read more");
    assert!(!details.has_attribute("open"));
    assert!(
        card_controls(&cards[0]).is_empty(),
        "no button: the browser opens it"
    );
    details
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_ref::<HtmlElement>()
        .click();
    sleep(20).await;
    let opened = comment(&cards[0]);
    assert!(details.has_attribute("open"));
    assert_eq!(opened.scroll_height(), opened.client_height());
    assert_eq!(opened.text_content().unwrap(), long.trim());
    assert_eq!(label(&details), "Show less");

    assert!(
        toggle(&cards[1]).is_none(),
        "three short lines fit: no Read more"
    );
    let short = comment(&cards[1]);
    assert_eq!(short.scroll_height(), short.client_height());
    host.remove();
}
