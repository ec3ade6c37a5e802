//! `<stele-stars>`: the page's badges share one summaries request, announce `stele:ready`
//! once each, read a static export's chunks, and hide when summaries fail.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::*;

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
