//! `<stele-testimonials>`: the grid's paging, the carousel's slides and autoplay.

use stele_core::listing::Page;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, ShadowRoot};

use crate::support::*;

#[wasm_bindgen_test]
async fn a_carousel_whose_first_page_shrank_still_shows_a_slide() {
    // The embedded page is shorter than the element's, so page 1 is asked again; while it
    // is on its way the shopper moves to the third slide, and the shop now has one.
    let mut embedded = page(testimonials(0, 3), 1, 5);
    embedded.per_page = 3;
    let mut now = page(testimonials(0, 1), 1, 1);
    now.per_page = 4;
    script_network(&[
        (
            "v1/testimonials?page=1&per_page=4",
            1,
            serde_json::to_string(&now).unwrap(),
        ),
        ("v1/shop.json", 200, shop(embedded)),
    ]);
    let host = element("stele-testimonials", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "testimonials",
        options(&format!(r#"{{"src":"{SRC}","perPage":4}}"#)),
    );
    sleep(50).await;
    let root = shadow(&host);
    let next = all(&root, ".stele-carousel__controls button")
        .pop()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    next.click();
    next.click();
    sleep(20).await;
    let current = || all(&root, ".stele-carousel__slide.is-current");
    assert_eq!(
        current()[0].get_attribute("aria-label").as_deref(),
        Some("3 / 5")
    );
    release_held();
    sleep(50).await;
    assert_eq!(all(&root, ".stele-carousel__slide").len(), 1);
    assert_eq!(current().len(), 1, "the one slide left is on show");
    assert_eq!(
        current()[0].get_attribute("aria-hidden").as_deref(),
        Some("false")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn testimonials_grid_pages_at_its_own_size_one_request_at_a_time() {
    let page_of = |items, page_number, per_page| {
        serde_json::to_string(&Page {
            items,
            page: page_number,
            per_page,
            total: 45,
            total_pages: 3,
        })
        .unwrap()
    };
    script_network(&[
        (
            "v1/testimonials?page=1&per_page=20",
            200,
            page_of(testimonials(0, 20), 1, 20),
        ),
        (
            "v1/testimonials?page=2&per_page=20",
            200,
            page_of(testimonials(20, 20), 2, 20),
        ),
        ("v1/shop.json", 200, shop(page(testimonials(0, 10), 1, 45))),
    ]);
    let host = element("stele-testimonials", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "testimonials",
        options(&format!(
            r#"{{"src":"{SRC}","layout":"grid","perPage":20}}"#
        )),
    );
    sleep(60).await;
    let root = shadow(&host);
    assert_eq!(
        all(&root, ".stele-grid > li").len(),
        20,
        "page 1 at 20, not the 10 embedded"
    );
    let more: HtmlElement = one(&root, ".stele-more").unchecked_into();
    more.click();
    more.click();
    sleep(60).await;
    let texts: Vec<String> = all(&root, ".stele-grid .stele-review__comment")
        .iter()
        .map(|p| p.text_content().unwrap())
        .collect();
    assert_eq!(texts.len(), 40);
    assert_eq!(texts[20], "Comanda 20", "nothing skipped between pages");
    let page_two = requests().iter().filter(|u| u.contains("?page=2&")).count();
    assert_eq!(page_two, 1, "a second press while loading asks nothing");
    host.remove();
}

#[wasm_bindgen_test]
async fn testimonials_carousel_is_quiet_while_playing_and_empty_shops_say_so() {
    script_network(&[("v1/shop.json", 200, shop(page(testimonials(0, 3), 1, 3)))]);
    let host = element("stele-testimonials", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "testimonials",
        options(&format!(r#"{{"src":"{SRC}","autoplay":30}}"#)),
    );
    sleep(50).await;
    let root = shadow(&host);
    let viewport = one(&root, ".stele-carousel__viewport");
    assert_eq!(viewport.get_attribute("aria-live").as_deref(), Some("off"));
    one(&root, ".stele-carousel__pause")
        .unchecked_ref::<HtmlElement>()
        .click();
    sleep(20).await;
    assert_eq!(
        viewport.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    host.remove();

    script_network(&[("v1/shop.json", 200, shop(page(Vec::new(), 1, 0)))]);
    let host = element("stele-testimonials", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "testimonials",
        options(r#"{"src":"https://empty.test/stele/"}"#),
    );
    sleep(50).await;
    let root = shadow(&host);
    assert_eq!(
        one(&root, ".stele-empty").text_content().unwrap(),
        "No reviews yet"
    );
    assert!(all(&root, ".stele-carousel__controls button").is_empty());
    host.remove();
}

#[wasm_bindgen_test]
async fn an_opened_testimonial_stays_open_when_more_load_or_the_carousel_moves() {
    let long = "Foarte bun. ".repeat(30);
    let mut first = testimonials(0, 2);
    first[0] = review("long", Some(10), Some(long.trim()), 1);
    let more = serde_json::to_string(&Page {
        items: testimonials(2, 2),
        page: 2,
        per_page: 2,
        total: 4,
        total_pages: 2,
    })
    .unwrap();
    let mut shown = page(first, 1, 4);
    shown.per_page = 2;
    script_network(&[
        ("v1/testimonials?page=2&per_page=2", 200, more),
        ("v1/shop.json", 200, shop(shown)),
    ]);
    let open = |root: &ShadowRoot| {
        let comment = one(root, ".stele-review__comment");
        one(root, "details.stele-review__toggle").has_attribute("open")
            && comment.scroll_height() == comment.client_height()
    };
    for layout in ["grid", "carousel"] {
        let host = element("stele-testimonials", &[]);
        let _mounted = stele::mount(
            host.clone(),
            "testimonials",
            options(&format!(
                r#"{{"src":"{SRC}","layout":"{layout}","perPage":2}}"#
            )),
        );
        sleep(60).await;
        let root = shadow(&host);
        one(&root, "details.stele-review__toggle > summary")
            .unchecked_ref::<HtmlElement>()
            .click();
        sleep(20).await;
        assert!(open(&root), "{layout}: Read more opens it");
        let first_card = one(&root, ".stele-review");
        if layout == "grid" {
            one(&root, ".stele-more")
                .unchecked_ref::<HtmlElement>()
                .click();
        } else {
            // Next (which loads page 2 on the way), next, then back twice.
            let buttons = all(&root, ".stele-carousel__controls button");
            let (previous, next) = (
                buttons[0].unchecked_ref::<HtmlElement>(),
                buttons[buttons.len() - 1].unchecked_ref::<HtmlElement>(),
            );
            next.click();
            sleep(60).await;
            next.click();
            sleep(20).await;
            let current = one(&root, ".stele-carousel__slide.is-current");
            assert_eq!(
                current.get_attribute("aria-label").as_deref(),
                Some("3 / 4")
            );
            previous.click();
            previous.click();
        }
        sleep(60).await;
        assert_eq!(
            all(&root, ".stele-review").len(),
            4,
            "{layout}: page 2 came"
        );
        assert!(open(&root), "{layout}: the opened testimonial stays open");
        assert!(
            first_card.is_same_node(Some(&one(&root, ".stele-review"))),
            "{layout}: the first card is the same element, not drawn again"
        );
        host.remove();
    }
}
