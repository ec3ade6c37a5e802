//! The relay behind real nginx, configured with the rule docs/relay.md gives shops (read
//! from the doc itself), so every URL the widget builds survives a proxy that decodes `%2F`
//! before passing a path on. Needs nginx (scripts/bootstrap installs it).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::{free_port, order_json, serve_in_background, state_of};
use serde_json::Value;
use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::paths;
use stele_relay::http::app;

const NOW: i64 = 1_790_000_000;

/// Ids that a decoding proxy mangles: `/`, `%`, `+`, space, `?`, `#`, non-ASCII, and one
/// 128 characters long (the longest the API accepts).
fn awkward_ids() -> Vec<String> {
    let long: String = "ț/".repeat(64);
    assert_eq!(long.chars().count(), 128);
    [
        "a/b",
        "100%",
        "a+b",
        "a b",
        "what?",
        "#1",
        "mărime/42",
        "../p1",
        "~7e",
    ]
    .into_iter()
    .map(String::from)
    .chain([long])
    .collect()
}

/// The nginx rule of docs/relay.md's first `location /stele/` block, pointed at `relay`.
fn documented_location(relay: &str) -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/relay.md"))
            .unwrap();
    let block = doc
        .split("```nginx\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(block, _)| block))
        .find(|block| block.trim_start().starts_with("location /stele/"))
        .expect("docs/relay.md has an nginx block for location /stele/");
    assert!(
        block.contains("127.0.0.1:8787"),
        "the rule points at the default listen address"
    );
    block.replace("127.0.0.1:8787", relay)
}

fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("nginx is not installed: run scripts/bootstrap (apt-get install nginx)")
}

struct Nginx {
    child: Child,
    _dir: tempfile::TempDir,
    port: u16,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_nginx(location: &str) -> Nginx {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let root = dir.path().display();
    let config = format!(
        "worker_processes 1;\npid {root}/nginx.pid;\nerror_log {root}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {root}/body;\n  proxy_temp_path {root}/proxy;\n\
           fastcgi_temp_path {root}/fastcgi;\n  uwsgi_temp_path {root}/uwsgi;\n  scgi_temp_path {root}/scgi;\n\
           server {{\n    listen 127.0.0.1:{port};\n{location}\n  }}\n}}\n"
    );
    std::fs::write(dir.path().join("nginx.conf"), config).unwrap();
    let error_log = dir.path().join("error.log");
    // One process (no master and workers), so dropping the handle stops all of nginx.
    let nginx = Nginx {
        child: Command::new(nginx_binary())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .args(["-g", "daemon off; master_process off; user root;"])
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
        _dir: dir,
        port,
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return nginx;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "nginx did not start: {}",
        std::fs::read_to_string(error_log).unwrap_or_default()
    );
}

async fn get_json(client: &reqwest::Client, url: &str) -> Value {
    let response = client.get(url).send().await.unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: {e}: {body}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_the_widget_calls_survives_the_documented_nginx_rule() {
    let ids = awkward_ids();
    let orders: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            order_json(
                n as u64,
                NOW,
                &[(
                    id.as_str(),
                    NOW,
                    Some(8 + (n % 3) as u8),
                    Some("bună calitate"),
                )],
            )
        })
        .collect();
    let relay = serve_in_background(app(state_of(&orders, crate::support::unlimited()))).await;
    let nginx = start_nginx(&documented_location(&relay.to_string()));
    let base = format!("http://127.0.0.1:{}/stele/", nginx.port);
    let client = reqwest::Client::new();

    let search = ReviewFilter {
        query: Some("bună".into()),
        ..ReviewFilter::default()
    };
    let with_comment = ReviewFilter {
        with_comment: true,
        min_stars: Some(4),
        ..ReviewFilter::default()
    };
    for id in &ids {
        let product = get_json(&client, &format!("{base}{}", paths::product(id))).await;
        assert_eq!(product["summary"]["count"], 1, "{id}: {product}");
        for url in [
            paths::reviews_url(id, ReviewSort::Newest, &ReviewFilter::default(), 1, 10),
            paths::reviews_url(id, ReviewSort::Lowest, &ReviewFilter::default(), 1, 20),
            paths::reviews_url(id, ReviewSort::Newest, &search, 1, 10),
            paths::reviews_url(id, ReviewSort::Highest, &with_comment, 1, 5),
        ] {
            let page = get_json(&client, &format!("{base}{url}")).await;
            assert_eq!(
                page["items"].as_array().map(Vec::len),
                Some(1),
                "{id} via {url}: {page}"
            );
        }
        let summaries = get_json(
            &client,
            &format!(
                "{base}{}?ids={}",
                paths::summaries_query(),
                paths::encode_component(id)
            ),
        )
        .await;
        assert_eq!(summaries["summaries"][id]["count"], 1, "{id}: {summaries}");
        let chunk = get_json(
            &client,
            &format!(
                "{base}{}",
                paths::summaries_chunk(paths::summary_chunk_of(id))
            ),
        )
        .await;
        assert_eq!(chunk["summaries"][id]["count"], 1, "{id}: {chunk}");
        let embed = client
            .get(format!(
                "{base}v1/products/{}/embed.html",
                stele_core::text::path_segment(id)
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(embed.status(), 200, "{id}: embed.html by segment");
        assert!(
            embed.text().await.unwrap().contains("bună calitate"),
            "{id}"
        );
    }
    for url in [
        paths::shop(),
        paths::testimonials(1),
        "v1/testimonials?page=1&per_page=20".into(),
    ] {
        get_json(&client, &format!("{base}{url}")).await;
    }
}
