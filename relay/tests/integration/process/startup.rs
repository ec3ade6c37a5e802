//! Settings refused at start-up: every command stops before it listens, opens or fetches,
//! naming the variable, with exit status 2.

use std::time::{Duration, Instant};

use crate::support::{relay, text};

const KEY: &str = "rk_OPSCANARY_5be11e";

#[test]
fn nonsense_settings_are_refused_at_start_up_naming_the_variable() {
    for (variable, value, expect) in [
        ("STELE_RATE_LIMIT", "-1", "e.g. STELE_RATE_LIMIT=20"),
        ("STELE_RATE_LIMIT", "NaN", "e.g. STELE_RATE_LIMIT=20"),
        ("STELE_RATE_LIMIT", "lots", "e.g. STELE_RATE_LIMIT=20"),
        ("STELE_SYNC_INTERVAL", "0", "e.g. STELE_SYNC_INTERVAL=15m"),
        ("STELE_SYNC_INTERVAL", "15", "no unit"),
        ("STELE_SYNC_INTERVAL", "10s", "below the floor"),
        (
            "STELE_UPSTREAM_TIMEOUT",
            "0s",
            "e.g. STELE_UPSTREAM_TIMEOUT=20s",
        ),
        ("STELE_CACHE_MAX_AGE", "60", "e.g. STELE_CACHE_MAX_AGE=60s"),
        (
            "STELE_TRUSTED_PROXIES",
            "10.0.0.0/8,proxy",
            "e.g. STELE_TRUSTED_PROXIES=",
        ),
        ("STELE_LOG_FORMAT", "xml", "json"),
        (
            "STELE_METRICS_LISTEN",
            "127.0.0.1:8787",
            "e.g. STELE_METRICS_LISTEN=",
        ),
    ] {
        let started = Instant::now();
        let output = relay()
            .arg("serve")
            .env("RTG_REST_KEY", KEY)
            .env("RTG_CUSTOMER_ID", "1")
            .env("STELE_DB", "/nonexistent/never.db")
            .env(variable, value)
            .output()
            .unwrap();
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{variable}={value}: {said}");
        assert!(
            said.contains(variable) && said.contains(expect),
            "{variable}={value}: {said}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn serve_and_sync_name_the_missing_variable() {
    for (command, missing, env) in [
        ("sync", "RTG_REST_KEY", vec![("RTG_CUSTOMER_ID", "1")]),
        ("serve", "RTG_REST_KEY", vec![("RTG_CUSTOMER_ID", "1")]),
        ("sync", "RTG_CUSTOMER_ID", vec![("RTG_REST_KEY", "k")]),
        ("serve", "RTG_CUSTOMER_ID", vec![("RTG_REST_KEY", "k")]),
    ] {
        let started = Instant::now();
        let output = relay()
            .arg(command)
            .envs(env)
            .env("STELE_DB", "/nonexistent/never-created.db")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(missing) && stderr.contains("Settings → Integration"),
            "{command}: {stderr}"
        );
        assert!(started.elapsed() < Duration::from_secs(5), "fails at once");
    }
}

#[test]
fn bad_shop_settings_are_refused_at_start_naming_the_variable_and_an_example() {
    for (variable, value, example) in [
        ("STELE_CURRENCY", "LEI", "STELE_CURRENCY=EUR"),
        ("STELE_JSONLD", "both", "STELE_JSONLD=rating"),
        (
            "STELE_JSONLD_PRODUCT_ID",
            "#product",
            "STELE_JSONLD_PRODUCT_ID={url}#product",
        ),
    ] {
        for command in ["serve", "sync", "export"] {
            let output = relay()
                .arg(command)
                .env("RTG_REST_KEY", "k")
                .env("RTG_CUSTOMER_ID", "1")
                .env(variable, value)
                .env("STELE_DB", "/nonexistent/never-created.db")
                .args(if command == "export" {
                    &["--out", "/nonexistent/out"][..]
                } else {
                    &[][..]
                })
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {variable}: {stderr}"
            );
            assert!(
                stderr.contains(variable) && stderr.contains(example),
                "{command} {variable}: {stderr}"
            );
        }
    }
}
