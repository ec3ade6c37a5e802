//! The widget in headless Chromium (wasm-bindgen-test): rendered through the same `mount`
//! the loader calls, into real shadow roots. Only the network is scripted: `fetch` answers
//! with canned relay JSON built from the core's types.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use stele_core::listing::{Page, ReviewSort};
use stele_core::public::{ProductView, Source};
use stele_core::{PublicReview, Score, Summary, Timestamp};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const SRC: &str = "https://relay.test/stele/";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Replaces `fetch`: each route is (URL fragment, status, JSON body); status 0 never answers
/// (until its request is aborted); status 1 is held until [`release_held`], then answers 200
/// with its body. Requests and their abort signals are recorded.
fn script_network(routes: &[(&str, u16, String)]) {
    let table = js_sys::Array::new();
    for (fragment, status, body) in routes {
        table.push(&js_sys::Array::of3(
            &(*fragment).into(),
            &(*status).into(),
            &body.as_str().into(),
        ));
    }
    js_sys::Reflect::set(&js_sys::global(), &"__steleRoutes".into(), &table).unwrap();
    let install = js_sys::Function::new_no_args(
        "globalThis.__steleRequests = [];
         globalThis.__steleSignals = [];
         globalThis.__steleHeld = [];
         globalThis.fetch = (input, init) => {
           const url = typeof input === 'string' ? input : input.url;
           const signal = init?.signal ?? input.signal;
           globalThis.__steleRequests.push(url);
           globalThis.__steleSignals.push(signal);
           const route = globalThis.__steleRoutes.find(([fragment]) => url.includes(fragment));
           if (!route) return Promise.resolve(new Response('{}', { status: 404 }));
           if (route[1] === 0)
             return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
           if (route[1] === 1)
             return new Promise((resolve) => globalThis.__steleHeld.push(() => resolve(new Response(route[2], { status: 200, headers: { 'content-type': 'application/json' } }))));
           return Promise.resolve(new Response(route[2], { status: route[1], headers: { 'content-type': 'application/json' } }));
         };",
    );
    install.call0(&JsValue::NULL).unwrap();
}

/// Answers every request held by a status-1 route (see [`script_network`]).
fn release_held() {
    js_sys::Function::new_no_args(
        "globalThis.__steleHeld.splice(0).forEach((answer) => answer());",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

fn requests() -> Vec<String> {
    let list: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__steleRequests".into())
        .unwrap()
        .unchecked_into();
    list.iter().filter_map(|v| v.as_string()).collect()
}

fn review(id: &str, score: Option<u8>, comment: Option<&str>, days_ago: i64) -> PublicReview {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    PublicReview::new(
        id.into(),
        Some("p1".into()),
        score.and_then(|s| Score::new(s.into())),
        comment.map(str::to_owned),
        Some(Timestamp::from_unix(now - days_ago * 86_400)),
    )
}

fn page(items: Vec<PublicReview>, page: u32, total: u64) -> Page<PublicReview> {
    Page {
        items,
        page,
        per_page: 10,
        total,
        total_pages: total.div_ceil(10) as u32,
    }
}

fn summary(scores: &[u8], with_comment: u64) -> Summary {
    let mut tally = stele_core::aggregate::Tally::default();
    for score in scores {
        tally.add(Score::new((*score).into()), false);
    }
    Summary {
        with_comment,
        ..tally.summary()
    }
}

fn product(summary: Summary, reviews: Page<PublicReview>) -> String {
    serde_json::to_string(&ProductView {
        api: stele_core::public::API_VERSION,
        source: Source::Live,
        product_id: "p1".into(),
        product: None,
        summary,
        sort: ReviewSort::Newest,
        reviews,
        moderation: Some(Default::default()),
        rating_image: None,
    })
    .unwrap()
}

/// A fresh element of `tag` with `attributes`, in the document.
fn element(tag: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let element: HtmlElement = document().create_element(tag).unwrap().unchecked_into();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&element).unwrap();
    element
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn shadow(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root()
        .expect("mount attaches an open shadow root")
}

fn all(root: &ShadowRoot, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn one(root: &ShadowRoot, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

/// Serves `body` as product p1's JSON, mounts `<stele-reviews product="p1">` with `extra`
/// options (`,"lang":"ro"`…), and returns it once rendered.
async fn show_p1(body: String, extra: &str) -> (HtmlElement, ShadowRoot, stele::Mounted) {
    script_network(&[("v1/products/p1.json", 200, body)]);
    mount_p1(extra).await
}

/// Mounts `<stele-reviews product="p1">` against the network scripted already.
async fn mount_p1(extra: &str) -> (HtmlElement, ShadowRoot, stele::Mounted) {
    let host = element("stele-reviews", &[]);
    let mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"{extra}}}"#)),
    );
    sleep(50).await;
    let root = shadow(&host);
    (host, root, mounted)
}

/// Picks `sort` in the list's select as a shopper would, and lets the list answer.
async fn choose_sort(root: &ShadowRoot, sort: &str) -> web_sys::HtmlSelectElement {
    let select: web_sys::HtmlSelectElement = one(root, "select").unchecked_into();
    select.set_value(sort);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    sleep(50).await;
    select
}

/// Collects the `detail`s (as JSON) of `event` dispatched on `host`.
fn record(host: &HtmlElement, event: &str) -> Rc<RefCell<Vec<String>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            sink.borrow_mut()
                .push(js_sys::JSON::stringify(&e.detail()).unwrap().into());
        });
    host.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

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

fn five_reviews() -> (String, Vec<PublicReview>) {
    let reviews = vec![
        review("a", Some(10), Some("Excelent"), 1),
        review("b", Some(9), Some("Foarte bun"), 2),
        review("c", Some(4), None, 3),
        review("d", Some(2), Some("Slab"), 4),
        review("e", Some(10), Some("Super"), 5),
    ];
    (
        product(summary(&[10, 9, 4, 2, 10], 4), page(reviews.clone(), 1, 25)),
        reviews,
    )
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
async fn each_element_renders_in_one_root_with_its_theme_and_language() {
    let (first, _) = five_reviews();
    let (host, root, _mounted) = show_p1(first, r#","lang":"ro","theme":"dark""#).await;
    let children = root.children();
    assert_eq!(
        children.length(),
        1,
        "the root is the shadow root's only element"
    );
    let container = children.item(0).unwrap();
    assert_eq!(container.tag_name(), "DIV");
    assert_eq!(container.class_name(), "stele-root");
    assert_eq!(container.get_attribute("part").as_deref(), Some("root"));
    assert_eq!(
        container.get_attribute("data-theme").as_deref(),
        Some("dark")
    );
    assert_eq!(container.get_attribute("lang").as_deref(), Some("ro"));
    host.remove();
}

#[wasm_bindgen_test]
async fn empty_and_error_states_stay_quiet() {
    script_network(&[(
        "v1/products/none.json",
        200,
        product(Summary::default(), page(vec![], 1, 0)).replace("\"p1\"", "\"none\""),
    )]);
    let host = element("stele-reviews", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"none","src":"{SRC}"}}"#)),
    );
    sleep(50).await;
    assert_eq!(
        one(&shadow(&host), ".stele-empty").text_content().unwrap(),
        "No reviews yet"
    );
    host.remove();

    let warnings = capture_console_warn();
    script_network(&[("v1/products/p1.json", 500, "{\"error\":{}}".into())]);
    let (host, root, _mounted) = mount_p1("").await;
    assert!(
        all(&root, ".stele-list, .stele-empty").is_empty(),
        "shoppers see nothing alarming"
    );
    let logged = warnings();
    assert!(
        logged
            .iter()
            .any(|w| w.starts_with("[stele]") && w.contains("HTTP 500") && w.contains("/healthz")),
        "{logged:?}"
    );
    host.remove();

    // No product: a hint, no throw.
    let host = element("stele-reviews", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"src":"{SRC}"}}"#)),
    );
    assert!(warnings()
        .iter()
        .any(|w| w.contains("needs a product attribute")));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_relay_of_another_api_version_is_refused_politely() {
    let warnings = capture_console_warn();
    let body = product(
        summary(&[10], 1),
        page(vec![review("r1", Some(10), Some("Fine"), 1)], 1, 1),
    );
    // A future relay: version 2, and a shape this build cannot read.
    let body = body
        .replacen("\"api\":1", "\"api\":2", 1)
        .replace("\"summary\"", "\"rating\"");
    assert!(body.contains("\"api\":2"), "{body}");
    let (host, root, _mounted) = show_p1(body, "").await;
    assert!(
        all(&root, ".stele-list, .stele-empty, .stele-card").is_empty(),
        "nothing rendered from JSON it cannot read"
    );
    let logged = warnings();
    assert!(
        logged.iter().any(|w| w.starts_with("[stele]")
            && w.contains("API version 2, this widget reads version 1")),
        "{logged:?}"
    );
    host.remove();

    // Badges too: the summaries body is checked before it is read.
    script_network(&[(
        "v1/summaries",
        200,
        r#"{"api":2,"summaries":{"p1":{"count":1,"average":5.0,"histogram":[0,0,0,0,1],"with_comment":1}}}"#.into(),
    )]);
    let badge = element("stele-stars", &[]);
    let _badge = stele::mount(
        badge.clone(),
        "stars",
        options(r#"{"product":"p1","src":"https://v2.test/stele/"}"#),
    );
    sleep(50).await;
    assert!(
        all(&shadow(&badge), "[role=img]").is_empty(),
        "no stars from another version's summaries"
    );
    let logged = warnings();
    assert!(
        logged.iter().any(|w| w.starts_with("[stele] <stele-stars>")
            && w.contains("API version 2, this widget reads version 1")),
        "{logged:?}"
    );
    badge.remove();
}

/// Replaces console.warn with a recorder; returns a reader.
fn capture_console_warn() -> impl Fn() -> Vec<String> {
    js_sys::Function::new_no_args("globalThis.__steleWarnings = []; console.warn = (...a) => globalThis.__steleWarnings.push(a.join(' '));")
        .call0(&JsValue::NULL)
        .unwrap();
    || {
        let list: js_sys::Array =
            js_sys::Reflect::get(&js_sys::global(), &"__steleWarnings".into())
                .unwrap()
                .unchecked_into();
        list.iter().filter_map(|v| v.as_string()).collect()
    }
}

#[wasm_bindgen_test]
async fn a_numeric_product_id_is_taken_as_its_text() {
    let body = r#"{"summaries":{"2183":{"count":2,"average":5.0,"histogram":[0,0,0,0,2],"with_comment":0}}}"#;
    script_network(&[("v1/summaries?ids=2183", 200, body.into())]);
    let host = element("stele-stars", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "stars",
        options(r#"{"product":2183,"src":"https://numeric.test/stele/"}"#),
    );
    sleep(50).await;
    assert!(requests().contains(&"https://numeric.test/stele/v1/summaries?ids=2183".to_owned()));
    assert_eq!(
        one(&shadow(&host), ".stele-badge__count")
            .text_content()
            .unwrap(),
        "(2)"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn options_of_the_wrong_type_are_named_and_render_nothing() {
    let warnings = capture_console_warn();
    for (given, expected) in [
        (
            r#"{"product":["2183"],"src":"https://relay.test/stele/"}"#,
            "bad options: product must be a string",
        ),
        (
            r#"{"product":"2183","perPage":[20]}"#,
            "bad options: perPage must be a number",
        ),
        (
            r#"{"product":"2183","strings":{"verified-buyer":7}}"#,
            "bad options: strings.verified-buyer must be a string",
        ),
        (r#""2183""#, "bad options: the options must be an object"),
    ] {
        let host = element("stele-stars", &[]);
        let _mounted = stele::mount(host.clone(), "stars", options(given));
        let said = warnings();
        assert!(
            said.iter()
                .any(|w| w.starts_with("[stele]") && w.contains(expected)),
            "{given}: {said:?}"
        );
        assert!(host.shadow_root().is_none(), "{given}: nothing is rendered");
        host.remove();
    }
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

#[wasm_bindgen_test]
async fn badges_share_one_summaries_request() {
    let body = r#"{"summaries":{"a":{"count":3,"average":4.5,"histogram":[0,0,0,1,2],"with_comment":1},"b":{"count":0,"average":null,"histogram":[0,0,0,0,0],"with_comment":0}}}"#;
    script_network(&[("v1/summaries?ids=", 200, body.into())]);
    let src = "https://badges.test/stele/";
    let hosts: Vec<HtmlElement> = ["a", "b", "c"]
        .iter()
        .map(|_| element("stele-stars", &[]))
        .collect();
    let _mounted: Vec<_> = hosts
        .iter()
        .zip(["a", "b", "c"])
        .map(|(host, id)| {
            stele::mount(
                host.clone(),
                "stars",
                options(&format!(r#"{{"product":"{id}","src":"{src}"}}"#)),
            )
        })
        .collect();
    sleep(50).await;
    let summary_requests: Vec<String> = requests()
        .into_iter()
        .filter(|u| u.contains("summaries"))
        .collect();
    assert_eq!(summary_requests, [format!("{src}v1/summaries?ids=a,b,c")]);
    let label = one(&shadow(&hosts[0]), "[role=img]")
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(label, "Rated 4.5 out of 5, 3 reviews");
    assert_eq!(
        one(&shadow(&hosts[0]), ".stele-badge__count")
            .text_content()
            .unwrap(),
        "(3)"
    );
    assert_eq!(
        one(&shadow(&hosts[2]), ".stele-badge__count")
            .text_content()
            .unwrap(),
        "(0)",
        "missing from the answer: no reviews"
    );
    for host in hosts {
        host.remove();
    }
}

/// Records, for each `stele:ready` on `host`, what `probe` reads in its shadow root at that
/// moment.
fn record_ready_as(
    host: &HtmlElement,
    probe: impl Fn(&ShadowRoot) -> String + 'static,
) -> Rc<RefCell<Vec<String>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (sink, drawn) = (seen.clone(), host.clone());
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |_: web_sys::CustomEvent| {
            let seen_now = drawn.shadow_root().map(|root| probe(&root));
            sink.borrow_mut().push(seen_now.unwrap_or_default());
        });
    host.add_event_listener_with_callback("stele:ready", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

/// Records, for each `stele:ready` on `host`, the badge's count as drawn at that moment.
fn record_badge_ready(host: &HtmlElement) -> Rc<RefCell<Vec<String>>> {
    record_ready_as(host, |root| {
        root.query_selector(".stele-badge__count")
            .ok()
            .flatten()
            .and_then(|count| count.text_content())
            .unwrap_or_default()
    })
}

#[wasm_bindgen_test]
async fn each_badge_announces_ready_once_after_drawing_its_summary() {
    let body = r#"{"summaries":{"r1":{"count":7,"average":4.0,"histogram":[0,0,1,5,1],"with_comment":2}}}"#;
    script_network(&[
        ("v1/summaries?ids=r1", 200, body.into()),
        ("v1/summaries?ids=gone", 503, "{}".into()),
        ("v1/summaries?ids=never", 0, String::new()),
    ]);
    let src = "https://ready.test/stele/";
    let mount = |host: &HtmlElement, id: &str| {
        stele::mount(
            host.clone(),
            "stars",
            options(&format!(r#"{{"product":"{id}","src":"{src}"}}"#)),
        )
    };
    // Not before the summary arrives.
    let waiting = element("stele-stars", &[]);
    let seen_waiting = record_badge_ready(&waiting);
    let _waiting = mount(&waiting, "never");
    sleep(50).await;
    assert!(
        seen_waiting.borrow().is_empty(),
        "{:?}",
        seen_waiting.borrow()
    );
    // Two badges of one product, and a third mounted, unmounted and mounted again (as an
    // attribute change does) before the summary came: each says it once, drawn.
    let (first, second, again) = (
        element("stele-stars", &[]),
        element("stele-stars", &[]),
        element("stele-stars", &[]),
    );
    let seen: Vec<_> = [&first, &second, &again]
        .into_iter()
        .map(record_badge_ready)
        .collect();
    let (_first, _second) = (mount(&first, "r1"), mount(&second, "r1"));
    let mut replaced = mount(&again, "r1");
    replaced.unmount();
    let _again = mount(&again, "r1");
    // Unmounted before its summary came: quiet.
    let gone = element("stele-stars", &[]);
    let seen_gone = record_badge_ready(&gone);
    mount(&gone, "r1").unmount();
    sleep(50).await;
    for (i, seen) in seen.iter().enumerate() {
        assert_eq!(*seen.borrow(), ["(7)"], "badge {i}");
    }
    assert!(seen_gone.borrow().is_empty(), "{:?}", seen_gone.borrow());
    // A badge of a product whose summary is already known announces too, after its mount.
    let late = element("stele-stars", &[]);
    let seen_late = record_badge_ready(&late);
    let _late = mount(&late, "r1");
    assert!(
        seen_late.borrow().is_empty(),
        "after the mount, not during it"
    );
    sleep(20).await;
    assert_eq!(*seen_late.borrow(), ["(7)"]);
    assert_eq!(seen[0].borrow().len(), 1, "once per badge");
    // A failed request draws nothing and announces nothing.
    let failing = element("stele-stars", &[]);
    let seen_failing = record_badge_ready(&failing);
    let _failing = mount(&failing, "gone");
    sleep(50).await;
    assert!(
        seen_failing.borrow().is_empty(),
        "{:?}",
        seen_failing.borrow()
    );
    for host in [waiting, first, second, again, gone, late, failing] {
        host.remove();
    }
}

/// Records, for each `stele:ready` on `host`, what its shadow root holds at that moment:
/// the number of cards in its review list or testimonial grid, and of skeleton blocks.
fn record_ready_drawn(host: &HtmlElement) -> Rc<RefCell<Vec<String>>> {
    record_ready_as(host, |root| {
        let count = |selector: &str| root.query_selector_all(selector).unwrap().length();
        format!(
            "{} items, {} skeleton",
            count(".stele-list > li, .stele-grid > li"),
            count(".stele-sk")
        )
    })
}

#[wasm_bindgen_test]
async fn reviews_and_testimonials_announce_ready_once_with_their_content_drawn() {
    let (first, _) = five_reviews();
    script_network(&[
        ("v1/products/p1.json", 200, first),
        ("v1/products/slow.json", 0, String::new()),
        ("v1/products/broken.json", 500, "{}".into()),
        ("v1/shop.json", 200, shop(page(testimonials(0, 3), 1, 3))),
    ]);
    let mount = |kind: &str, options_json: String| {
        let host = element(&format!("stele-{kind}"), &[]);
        let seen = record_ready_drawn(&host);
        let mounted = stele::mount(host.clone(), kind, options(&options_json));
        (host, seen, mounted)
    };
    let reviews = |product: &str| format!(r#"{{"product":"{product}","src":"{SRC}"}}"#);
    let (reviews_host, reviews_ready, _a) = mount("reviews", reviews("p1"));
    let (grid_host, grid_ready, _b) = mount(
        "testimonials",
        format!(r#"{{"src":"{SRC}","layout":"grid"}}"#),
    );
    let (slow_host, slow_ready, mut slow) = mount("reviews", reviews("slow"));
    let (broken_host, broken_ready, _c) = mount("reviews", reviews("broken"));
    sleep(50).await;
    assert_eq!(
        reviews_ready.borrow().as_slice(),
        ["5 items, 0 skeleton"],
        "once, with the cards in place of the skeleton"
    );
    assert_eq!(grid_ready.borrow().as_slice(), ["3 items, 0 skeleton"]);
    assert!(slow_ready.borrow().is_empty(), "still loading: not ready");
    assert!(
        !all(&shadow(&slow_host), ".stele-sk").is_empty(),
        "the skeleton meanwhile"
    );
    slow.unmount();
    assert!(broken_ready.borrow().is_empty(), "a failure is not ready");
    assert_eq!(all(&shadow(&broken_host), ".stele-quiet").len(), 1);
    sleep(20).await;
    assert!(
        slow_ready.borrow().is_empty(),
        "unmounted before its data: quiet"
    );
    assert_eq!(reviews_ready.borrow().len(), 1, "and never again");
    for host in [reviews_host, grid_host, slow_host, broken_host] {
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn an_element_unmounted_as_its_data_is_drawn_says_nothing() {
    let (first, _) = five_reviews();
    script_network(&[("v1/products/p1.json", 1, first)]);
    let host = element("stele-reviews", &[]);
    let ready = record(&host, "stele:ready");
    let mounted = Rc::new(RefCell::new(Some(stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"}}"#)),
    ))));
    sleep(20).await;
    let root = shadow(&host);
    assert!(!all(&root, ".stele-sk").is_empty(), "held: the skeleton");
    // A mutation observer's callback is the microtask right after the cards are inserted:
    // the view is drawn, and its announce has not run yet. Unmount there.
    let (held, drawn) = (mounted.clone(), Rc::new(RefCell::new(false)));
    let seen = drawn.clone();
    let unmount = Closure::<dyn FnMut()>::new(move || {
        *seen.borrow_mut() = true;
        if let Some(mut element) = held.borrow_mut().take() {
            element.unmount();
        }
    });
    js_sys::Function::new_with_args(
        "root, unmount",
        "const observer = new MutationObserver(() => {
           if (root.querySelector('.stele-list > li')) { observer.disconnect(); unmount(); }
         });
         observer.observe(root, { childList: true, subtree: true });",
    )
    .call2(&JsValue::NULL, &root, unmount.as_ref())
    .unwrap();
    release_held();
    sleep(50).await;
    assert!(*drawn.borrow(), "the cards were drawn");
    assert!(
        ready.borrow().is_empty(),
        "unmounted before its announce: no stele:ready"
    );
    host.remove();
}

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
async fn badges_on_a_static_export_read_only_the_chunks_they_need() {
    use stele_core::paths::{summaries_chunk, summary_chunk_of};
    let ids = ["2183", "a/b", "țeapă"];
    // The export's pointer file, then one chunk file per distinct chunk, each holding the
    // ids that hash to it (and a stranger, which must not leak into other badges).
    let mut routes = vec![(
        "v1/summaries?ids=".to_string(),
        200,
        r#"{"summaries":{},"chunks":16}"#.to_string(),
    )];
    for id in ids {
        let chunk = summaries_chunk(summary_chunk_of(id));
        if routes.iter().any(|(path, _, _)| *path == chunk) {
            continue;
        }
        let held: Vec<String> = ids
            .iter()
            .filter(|other| summaries_chunk(summary_chunk_of(other)) == chunk)
            .map(|other| {
                format!(r#""{other}":{{"count":2,"average":4.0,"histogram":[0,0,0,2,0],"with_comment":0}}"#)
            })
            .collect();
        routes.push((
            chunk,
            200,
            format!(r#"{{"summaries":{{{}}}}}"#, held.join(",")),
        ));
    }
    let distinct_chunks = routes.len() - 1;
    let table: Vec<(&str, u16, String)> = routes
        .iter()
        .map(|(path, status, body)| (path.as_str(), *status, body.clone()))
        .collect();
    script_network(&table);
    let src = "https://export.test/reviews/";
    let hosts: Vec<HtmlElement> = ids.iter().map(|_| element("stele-stars", &[])).collect();
    let _mounted: Vec<_> = hosts
        .iter()
        .zip(ids)
        .map(|(host, id)| {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"product".into(), &id.into()).unwrap();
            js_sys::Reflect::set(&options, &"src".into(), &src.into()).unwrap();
            stele::mount(host.clone(), "stars", options.into())
        })
        .collect();
    sleep(80).await;
    let seen = requests();
    assert_eq!(
        seen.iter()
            .filter(|u| u.contains("v1/summaries?ids="))
            .count(),
        1,
        "{seen:?}"
    );
    assert_eq!(
        seen.iter()
            .filter(|u| u.contains("v1/summary-chunks/"))
            .count(),
        distinct_chunks,
        "each needed chunk once: {seen:?}"
    );
    for host in &hosts {
        let label = one(&shadow(host), "[role=img]")
            .get_attribute("aria-label")
            .unwrap();
        assert_eq!(label, "Rated 4.0 out of 5, 2 reviews");
    }
    for host in hosts {
        host.remove();
    }
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
    let button = |card: &Element| card.query_selector("button.stele-link").unwrap();

    let clamped = comment(&cards[0]);
    assert!(clamped.class_list().contains("is-clamped"));
    assert!(
        clamped.scroll_height() > clamped.client_height(),
        "the browser really hides the overflow: {} > {}",
        clamped.scroll_height(),
        clamped.client_height()
    );
    let toggle = button(&cards[0]).expect("a Read more button");
    assert_eq!(toggle.text_content().unwrap(), "Read more");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.unchecked_ref::<HtmlElement>().click();
    sleep(20).await;
    let opened = comment(&cards[0]);
    assert!(!opened.class_list().contains("is-clamped"));
    assert_eq!(opened.scroll_height(), opened.client_height());
    assert_eq!(opened.text_content().unwrap(), long.trim());
    let toggle = button(&cards[0]).unwrap();
    assert_eq!(toggle.text_content().unwrap(), "Show less");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );

    assert!(
        button(&cards[1]).is_none(),
        "three short lines fit: no button"
    );
    assert!(!comment(&cards[1]).class_list().contains("is-clamped"));
    host.remove();
}

fn shop(testimonials: Page<PublicReview>) -> String {
    serde_json::to_string(&stele_core::public::ShopView {
        api: stele_core::public::API_VERSION,
        source: Source::Live,
        summary: summary(&[10], 1),
        testimonials,
        rating_image: None,
    })
    .unwrap()
}

fn testimonials(from: usize, count: usize) -> Vec<PublicReview> {
    (from..from + count)
        .map(|n| {
            review(
                &format!("t{n}"),
                Some(10),
                Some(&format!("Comanda {n}")),
                n as i64,
            )
        })
        .collect()
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
async fn badges_hide_when_summaries_fail_and_later_badges_ask_again() {
    script_network(&[("v1/summaries?ids=", 503, "{}".into())]);
    let warnings = capture_console_warn();
    let src = "https://down.test/stele/";
    let mount_badge = |id: &str| {
        let host = element("stele-stars", &[]);
        let mounted = stele::mount(
            host.clone(),
            "stars",
            options(&format!(r#"{{"product":"{id}","src":"{src}"}}"#)),
        );
        (host, mounted)
    };
    let (host, _mounted) = mount_badge("a");
    sleep(50).await;
    let root = shadow(&host);
    assert!(
        all(&root, ".stele-badge, [role=img]").is_empty(),
        "no \"No rating yet (0)\" for a product whose rating is unknown"
    );
    assert!(warnings()
        .iter()
        .any(|w| w.starts_with("[stele] <stele-stars>: HTTP 503")));

    let (again, _mounted_again) = mount_badge("a");
    sleep(50).await;
    let asked = requests()
        .iter()
        .filter(|u| u.contains("v1/summaries?ids=a"))
        .count();
    assert_eq!(asked, 2, "the failure is not cached");
    host.remove();
    again.remove();
}

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

#[wasm_bindgen_test]
async fn unmounting_removes_the_view_and_is_idempotent() {
    let (first, _) = five_reviews();
    script_network(&[("v1/products/p1.json", 200, first)]);
    let host = element("stele-reviews", &[]);
    let mut mounted = stele::mount(
        host.clone(),
        "reviews",
        options(&format!(r#"{{"product":"p1","src":"{SRC}"}}"#)),
    );
    sleep(50).await;
    assert!(!all(&shadow(&host), ".stele-list > li").is_empty());
    mounted.unmount();
    mounted.unmount();
    assert!(all(&shadow(&host), ".stele-list > li").is_empty());
    host.remove();
}

#[cfg(feature = "direct")]
#[wasm_bindgen_test]
async fn direct_mode_reads_the_feedback_api_and_warns_loudly() {
    js_sys::Function::new_no_args("globalThis.__steleErrors = []; console.error = (...a) => globalThis.__steleErrors.push(a.join(' '));")
        .call0(&JsValue::NULL)
        .unwrap();
    let feed = r#"{"status":"success","data":[
        {"order":{"orderno":"27047","date":"2021-05-04 19:57:50"},"score":10,"comment":"Great","added_on":"2021-05-20 14:25:27",
         "product_reviews":[{"realid":"2183","added_on":"2022-03-20 11:45:32","score":9,"comment":"Perfect match"},
                            {"realid":"2182","added_on":"2022-03-20 11:47:32","score":7,"comment":"Comfortable"}]},
        {"order":{"orderno":27048},"product_reviews":[{"realid":2183,"added_on":"2022-04-01 10:00:00","score":"6","comment":null}]}]}"#;
    script_network(&[("json-feedback?k=KEY&u=42", 200, feed.into())]);
    let host = element("stele-reviews", &[]);
    let _mounted = stele::mount(
        host.clone(),
        "reviews",
        options(
            r#"{"product":"2183","unsafeDirect":"","restKey":"KEY","customerId":"42","upstream":"https://api.test/v1/email-campaigns/json-feedback"}"#,
        ),
    );
    sleep(50).await;
    let root = shadow(&host);
    assert_eq!(all(&root, ".stele-list > li").len(), 2);
    assert_eq!(
        one(&root, ".stele-summary__average")
            .text_content()
            .unwrap(),
        "3.8",
        "(9 + 6) / 4 = 3.75 → 3.8"
    );
    // Every review is in the browser: sort, histogram and "with comment" work without asking
    // the Feedback API (or any relay) again.
    let asked = requests().len();
    choose_sort(&root, "lowest").await;
    let first = one(&root, ".stele-list > li [role=img]")
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(first, "Rated 3.0 out of 5", "lowest first");
    all(&root, ".stele-histogram__row")[0]
        .unchecked_ref::<HtmlElement>()
        .click();
    sleep(20).await;
    assert_eq!(
        all(&root, ".stele-list > li").len(),
        1,
        "only the 4.5-star review is in the five-star row"
    );
    assert_eq!(
        requests().len(),
        asked,
        "no request for sorting or filtering"
    );
    let errors: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__steleErrors".into())
        .unwrap()
        .unchecked_into();
    let errors: Vec<String> = errors.iter().filter_map(|v| v.as_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("[stele] unsafe-direct") && e.contains("REST key")),
        "{errors:?}"
    );
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
        !comment.class_list().contains("is-clamped")
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
        one(&root, "button.stele-link")
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
