//! The Leptos components (`stele::leptos_api`) against the custom elements' vocabulary.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};

use crate::support::*;

#[wasm_bindgen_test]
async fn leptos_apps_use_the_same_vocabulary_as_the_elements() {
    use leptos::prelude::*;
    use stele::elements::{SteleReviews, SteleStars};
    let other = product(
        summary(&[4], 1),
        page(vec![review("z", Some(4), Some("Mediu"), 1)], 1, 1),
    );
    script_network(&[
        ("v1/products/p2.json", 200, other.replace("\"p1\"", "\"p2\"")),
        ("v1/products/p1.json", 200, five_reviews().0),
        (
            "v1/summaries?ids=",
            200,
            r#"{"summaries":{"p1":{"count":5,"average":3.5,"histogram":[1,1,0,0,3],"with_comment":4}}}"#.into(),
        ),
    ]);
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let product_id = RwSignal::new("p1".to_string());
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <SteleReviews product=product_id src="https://leptos.test/stele/" lang="ro" per_page=10 />
            <SteleStars product="p1" src="https://leptos.test/stele/" />
            <SteleStars product="p1" src="https://leptos.test/stele/" />
        }
    });
    sleep(60).await;
    assert_eq!(
        host.query_selector_all(".stele-list > li")
            .unwrap()
            .length(),
        5
    );
    assert!(
        host.text_content()
            .unwrap()
            .contains("Cumpărător verificat"),
        "lang=\"ro\""
    );
    let badges = host.query_selector_all(".stele-badge [role=img]").unwrap();
    assert_eq!(badges.length(), 2);
    let badge: Element = badges.item(1).unwrap().unchecked_into();
    assert!(
        badge
            .get_attribute("aria-label")
            .unwrap()
            .starts_with("Rated"),
        "a badge beside Romanian reviews keeps its own language"
    );
    assert!(host
        .query_selector("div.stele-root[lang=ro][data-theme=light] .stele-list")
        .unwrap()
        .is_some());
    assert_eq!(
        host.query_selector_all("span.stele-root[lang=en]")
            .unwrap()
            .length(),
        2,
        "badges render inline"
    );
    assert_eq!(
        requests()
            .iter()
            .filter(|u| u.contains("v1/summaries"))
            .count(),
        1,
        "badges share one request"
    );
    product_id.set("p2".into());
    sleep(60).await;
    let comments: Vec<String> = (0..host
        .query_selector_all(".stele-list .stele-review__comment")
        .unwrap()
        .length())
        .map(|i| {
            host.query_selector_all(".stele-list .stele-review__comment")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(
        comments,
        ["Mediu"],
        "a new product loads when the prop changes"
    );
    drop(handle);
    host.remove();
}
