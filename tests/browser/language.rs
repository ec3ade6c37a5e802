//! Languages: Romanian numbers and plurals, counted labels and their overrides, the page's
//! language, the tag's region for Intl, and the server's formats against Intl's.

use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::ShadowRoot;

use crate::support::*;

#[wasm_bindgen_test]
async fn romanian_numbers_and_plurals() {
    for (scores, average_text, count_text) in [
        (vec![10u8, 8], "4,5", "2 recenzii"),
        (vec![9; 20], "4,5", "20 de recenzii"),
        (vec![9], "4,5", "1 recenzie"),
    ] {
        let (host, root, _mounted) = show_p1(
            product(summary(&scores, 0), page(vec![], 1, 0)),
            r#","lang":"ro-RO""#,
        )
        .await;
        assert_eq!(
            one(&root, ".stele-summary__average")
                .text_content()
                .unwrap(),
            average_text
        );
        assert_eq!(
            one(&root, ".stele-summary__count").text_content().unwrap(),
            count_text
        );
        assert_eq!(
            one(&root, ".stele-summary [role=img]")
                .get_attribute("aria-label")
                .unwrap(),
            format!("Evaluat cu 4,5 din 5, {count_text}")
        );
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn counted_labels_are_whole_messages_that_pages_override() {
    let (host, root, _mounted) = show_p1(
        product(summary(&[10, 10, 8], 0), page(vec![], 1, 0)),
        r#","lang":"pl""#,
    )
    .await;
    let row = |root: &ShadowRoot, i: usize| {
        all(root, ".stele-histogram__row")[i]
            .get_attribute("aria-label")
            .unwrap()
    };
    assert_eq!(row(&root, 0), "5 gwiazdek, 2 opinie");
    assert_eq!(row(&root, 1), "4 gwiazdki, 1 opinia");
    host.remove();
    let strings = r#","lang":"pl","strings":{"ratingLabel":"{rating}/5 ({n} opinia)|{rating}/5 ({n} opinie)|{rating}/5 ({n} opinii)","histogram-row":"{n} × {row}"}"#;
    let (host, root, _mounted) = show_p1(
        product(summary(&[10, 10, 8], 0), page(vec![], 1, 0)),
        strings,
    )
    .await;
    assert_eq!(
        one(&root, ".stele-summary [role=img]")
            .get_attribute("aria-label")
            .unwrap(),
        "4,7/5 (3 opinie)"
    );
    assert_eq!(row(&root, 0), "2 × 5 gwiazdek");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_page_language_applies_when_the_element_has_none() {
    let (host, root, _mounted) = show_p1(
        product(summary(&[8], 0), page(vec![], 1, 0)),
        r#","pageLang":"de""#,
    )
    .await;
    assert_eq!(
        one(&root, ".stele-summary__count").text_content().unwrap(),
        "1 Bewertung"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn the_region_of_the_language_tag_reaches_intl() {
    let body = || {
        product(
            summary(&[8], 1),
            page(vec![review("a", Some(8), Some("Good"), 3)], 1, 1),
        )
    };
    let (us, root, _mounted) = show_p1(body(), r#","lang":"en""#).await;
    let us_date = one(&root, "time").get_attribute("title").unwrap();
    us.remove();
    let (gb, root, _mounted) = show_p1(body(), r#","lang":"en-GB""#).await;
    let gb_date = one(&root, "time").get_attribute("title").unwrap();
    assert!(
        us_date.starts_with(|c: char| c.is_alphabetic()),
        "en: month first: {us_date}"
    );
    assert!(
        gb_date.starts_with(|c: char| c.is_ascii_digit()),
        "en-GB: day first: {gb_date}"
    );
    assert_eq!(
        one(&root, "time").text_content().unwrap(),
        "3 days ago",
        "the strings stay English"
    );
    gb.remove();
}

#[wasm_bindgen_test]
fn the_server_formats_numbers_and_plurals_as_intl_does() {
    use stele::i18n::{format::table, Formatter, Lang};
    let counts = [
        0u64, 1, 2, 3, 4, 5, 7, 11, 12, 14, 19, 20, 21, 22, 25, 100, 101, 102, 105, 111, 112, 119,
        120, 121, 122, 1_000, 1_001, 1_234, 12_345, 123_456, 1_000_000, 2_000_000,
    ];
    let mut differences = Vec::new();
    for lang in Lang::ALL {
        let intl = Formatter::new(lang);
        for count in counts {
            if intl.integer(count) != table::integer(lang, count) {
                differences.push(format!(
                    "{lang:?} {count}: Intl {:?}, server {:?}",
                    intl.integer(count),
                    table::integer(lang, count)
                ));
            }
            if intl.plural(count) != table::plural(lang, count) {
                differences.push(format!(
                    "{lang:?} plural {count}: Intl {:?}, server {:?}",
                    intl.plural(count),
                    table::plural(lang, count)
                ));
            }
        }
        for tenths in 0..=50u32 {
            let value = f64::from(tenths) / 10.0;
            if intl.one_decimal(value) != table::one_decimal(lang, value) {
                differences.push(format!(
                    "{lang:?} {value}: Intl {:?}, server {:?}",
                    intl.one_decimal(value),
                    table::one_decimal(lang, value)
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{differences:#?}");
}
