//! What the browser tests share: the scripted network (`fetch` answering canned relay JSON
//! built from the core's types), the data builders and the DOM helpers.

use std::cell::RefCell;
use std::rc::Rc;
use stele_core::listing::{Page, ReviewSort};
use stele_core::public::{ProductView, Source};
use stele_core::{PublicReview, Score, Summary, Timestamp};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

pub const SRC: &str = "https://relay.test/stele/";

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub async fn sleep(ms: i32) {
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
pub fn script_network(routes: &[(&str, u16, String)]) {
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
pub fn release_held() {
    js_sys::Function::new_no_args(
        "globalThis.__steleHeld.splice(0).forEach((answer) => answer());",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

pub fn requests() -> Vec<String> {
    let list: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__steleRequests".into())
        .unwrap()
        .unchecked_into();
    list.iter().filter_map(|v| v.as_string()).collect()
}

pub fn review(id: &str, score: Option<u8>, comment: Option<&str>, days_ago: i64) -> PublicReview {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    PublicReview::new(
        id.into(),
        Some("p1".into()),
        score.and_then(|s| Score::new(s.into())),
        comment.map(str::to_owned),
        Some(Timestamp::from_unix(now - days_ago * 86_400)),
    )
}

pub fn page(items: Vec<PublicReview>, page: u32, total: u64) -> Page<PublicReview> {
    Page {
        items,
        page,
        per_page: 10,
        total,
        total_pages: total.div_ceil(10) as u32,
    }
}

pub fn summary(scores: &[u8], with_comment: u64) -> Summary {
    let mut tally = stele_core::aggregate::Tally::default();
    for score in scores {
        tally.add(Score::new((*score).into()), false);
    }
    Summary {
        with_comment,
        ..tally.summary()
    }
}

pub fn product(summary: Summary, reviews: Page<PublicReview>) -> String {
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
pub fn element(tag: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let element: HtmlElement = document().create_element(tag).unwrap().unchecked_into();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&element).unwrap();
    element
}

pub fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

pub fn shadow(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root()
        .expect("mount attaches an open shadow root")
}

pub fn all(root: &ShadowRoot, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

pub fn one(root: &ShadowRoot, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

/// Serves `body` as product p1's JSON, mounts `<stele-reviews product="p1">` with `extra`
/// options (`,"lang":"ro"`…), and returns it once rendered.
pub async fn show_p1(body: String, extra: &str) -> (HtmlElement, ShadowRoot, stele::Mounted) {
    script_network(&[("v1/products/p1.json", 200, body)]);
    mount_p1(extra).await
}

/// Mounts `<stele-reviews product="p1">` against the network scripted already.
pub async fn mount_p1(extra: &str) -> (HtmlElement, ShadowRoot, stele::Mounted) {
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
pub async fn choose_sort(root: &ShadowRoot, sort: &str) -> web_sys::HtmlSelectElement {
    let select: web_sys::HtmlSelectElement = one(root, "select").unchecked_into();
    select.set_value(sort);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    sleep(50).await;
    select
}

/// Collects the `detail`s (as JSON) of `event` dispatched on `host`.
pub fn record(host: &HtmlElement, event: &str) -> Rc<RefCell<Vec<String>>> {
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

pub fn five_reviews() -> (String, Vec<PublicReview>) {
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

/// Replaces console.warn with a recorder; returns a reader.
pub fn capture_console_warn() -> impl Fn() -> Vec<String> {
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

/// Records, for each `stele:ready` on `host`, what `probe` reads in its shadow root at that
/// moment.
pub fn record_ready_as(
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

pub fn shop(testimonials: Page<PublicReview>) -> String {
    serde_json::to_string(&stele_core::public::ShopView {
        api: stele_core::public::API_VERSION,
        source: Source::Live,
        summary: summary(&[10], 1),
        testimonials,
        moderation: None,
        rating_image: None,
    })
    .unwrap()
}

pub fn testimonials(from: usize, count: usize) -> Vec<PublicReview> {
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
