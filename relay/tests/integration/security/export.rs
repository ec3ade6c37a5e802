//! `export --out DIR` under faults: a run killed half-way leaves a `.DIR.new-PID` tree that
//! the next run removes (a live run's tree is left alone), and a reader polling the
//! directory while exports follow one another never finds a file missing, because the new
//! tree is swapped in with one rename exchange.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::relay;
use crate::support::{order_json, success};

/// A database of `products` products, `per_product` reviews each (one order per review
/// round, each order reviewing every product it names).
fn seed(db: &Path, products: usize, per_product: usize) {
    let ids: Vec<String> = (0..products).map(|p| format!("P{p:05}")).collect();
    let orders: Vec<String> = (0..per_product)
        .flat_map(|round| {
            let ids = &ids;
            ids.chunks(50).enumerate().map(move |(chunk, ids)| {
                let orderno = (round * 10_000 + chunk) as u64 + 1;
                let at = 1_700_000_000 + (round * 3_600 + chunk * 60) as i64;
                let reviews: Vec<(&str, i64, Option<u8>, Option<&str>)> = ids
                    .iter()
                    .enumerate()
                    .map(|(i, id)| {
                        let score = (2 + (i + round) % 9) as u8;
                        (id.as_str(), at, Some(score), Some("good enough"))
                    })
                    .collect();
                order_json(orderno, at, &reviews)
            })
        })
        .collect();
    let batch = stele_core::normalise::read_feed(&success(&orders), Default::default()).unwrap();
    let mut store = stele_relay::model::store::Store::open(db).unwrap();
    store
        .apply(
            &batch,
            stele_core::Timestamp::from_unix(1_700_100_000),
            None,
        )
        .unwrap();
}

/// A temporary directory holding a database seeded as [`seed`] does: it, the database and
/// the export directory to be (`public`, absent yet).
fn seeded(products: usize, per_product: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    seed(&db, products, per_product);
    let out = dir.path().join("public");
    (dir, db, out)
}

fn export_command(db: &Path, out: &Path) -> std::process::Command {
    let mut command = relay();
    command
        .args(["export", "--out"])
        .arg(out)
        .env("STELE_DB", db);
    command
}

/// Runs one export to the end: its stderr, after asserting it succeeded.
fn export(db: &Path, out: &Path) -> String {
    let output = export_command(db, out).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "export failed: {stderr}");
    stderr
}

/// Every file under `dir`, relative, `/`-separated.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, into: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                into.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

/// `out` holds one whole export: its manifest counts exactly the files there are, and every
/// JSON file parses.
fn assert_complete(out: &Path) {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("v1/export.json")).unwrap()).unwrap();
    let files = files_under(out);
    assert_eq!(
        manifest["files"].as_u64(),
        Some(files.len() as u64),
        "the manifest counts the files of {}",
        out.display()
    );
    for file in files.iter().filter(|f| !f.ends_with(".png")) {
        let bytes = std::fs::read(out.join(file)).unwrap();
        if file.ends_with(".html") {
            // A fragment, whole: its shadow root closed, its data script (if any) too.
            let html = String::from_utf8(bytes).unwrap();
            assert!(html.starts_with("<template shadowrootmode"), "{file}");
            assert!(
                html.ends_with("</template>") || html.ends_with("</script>"),
                "{file}"
            );
            continue;
        }
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
    }
}

/// The `.NAME.new-*` and `.NAME.old-*` entries beside `out`.
fn debris(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    let mut found: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&new) || n.starts_with(&old))
        .collect();
    found.sort();
    found
}

/// The PID of a process that has exited and been reaped (and is not reused yet).
fn dead_pid() -> u32 {
    loop {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        if !Path::new(&format!("/proc/{pid}")).exists() {
            return pid;
        }
    }
}

/// A tree with one file in it, as a run leaves it.
fn leave_tree(path: &Path) {
    std::fs::create_dir_all(path.join("v1")).unwrap();
    std::fs::write(path.join("v1/shop.json"), b"{}").unwrap();
}

fn wait_for_half_written(child: &mut Child, tree: &Path) -> Duration {
    let started = Instant::now();
    // The first file of every export; the manifest is the last.
    let first = tree.join("v1/shop.json");
    loop {
        if first.exists() {
            return started.elapsed();
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "the export ended ({status}) before its tree {} was seen: seed more data",
                tree.display()
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no export tree after 60 s"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn an_export_killed_half_way_leaves_debris_the_next_run_removes() {
    // 300 products: about 7,000 files, some 7 s of writing in a debug build (measured; its
    // first file appears some 25 ms after the start), against a millisecond poll for it.
    let (dir, db, out) = seeded(300, 2);
    export(&db, &out);
    assert_complete(&out);
    let before = std::fs::read(out.join("v1/export.json")).unwrap();

    let mut child = export_command(&db, &out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let tree = dir.path().join(format!(".public.new-{}", child.id()));
    let seen_after = wait_for_half_written(&mut child, &tree);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(tree.is_dir(), "the killed run's tree is left behind");
    assert!(
        !tree.join("v1/export.json").exists(),
        "killed half-way: its tree has no manifest (seen after {seen_after:?})"
    );
    assert_eq!(
        std::fs::read(out.join("v1/export.json")).unwrap(),
        before,
        "the previous export is still in place"
    );
    assert_complete(&out);

    let stderr = export(&db, &out);
    assert_eq!(debris(&out), Vec::<String>::new(), "no debris after a run");
    assert!(
        stderr.contains(&format!(".public.new-{}", child.id())),
        "the run says what it removed: {stderr}"
    );
    assert_complete(&out);
}

#[test]
fn stale_trees_of_dead_runs_are_removed_and_a_live_runs_tree_is_kept() {
    let (dir, db, out) = seeded(3, 1);
    let dead = dead_pid();
    let live = std::process::id();
    let removed = [format!(".public.new-{dead}"), format!(".public.old-{dead}")];
    let kept = [
        format!(".public.new-{live}"),
        format!(".public.old-{live}"),
        format!(".other.new-{dead}"),
        ".public.new-notapid".to_owned(),
        format!(".public.new-+{dead}"),
        "public-backup".to_owned(),
    ];
    for name in removed.iter().chain(&kept) {
        leave_tree(&dir.path().join(name));
    }

    let stderr = export(&db, &out);
    for name in &removed {
        assert!(!dir.path().join(name).exists(), "{name} is removed");
        assert!(stderr.contains(name.as_str()), "{name} is named: {stderr}");
    }
    for name in &kept {
        assert!(
            dir.path().join(name).join("v1/shop.json").exists(),
            "{name} is kept"
        );
        assert!(!stderr.contains(name.as_str()), "{stderr}");
    }
    assert_complete(&out);
}

/// Reads each of `paths` in turn, in a loop until `stop`: how many reads, and the misses
/// (reads that failed or did not parse as JSON) with the path and the error.
fn poll(paths: Vec<PathBuf>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(u64, Vec<String>)> {
    std::thread::spawn(move || {
        let (mut reads, mut misses) = (0, Vec::new());
        while !stop.load(Ordering::Relaxed) {
            for path in &paths {
                reads += 1;
                let read = std::fs::read(path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        serde_json::from_slice::<serde_json::Value>(&bytes)
                            .map(drop)
                            .map_err(|e| format!("not JSON: {e}"))
                    });
                if let Err(error) = read {
                    misses.push(format!("{}: {error}", path.display()));
                }
            }
        }
        (reads, misses)
    })
}

/// Exports in a row under the readers. Against the old two renames (DIR aside, the new tree
/// in) one reader and 10 exports missed a file in 4 runs of 5; two readers and 20 exports
/// missed 2 to 7,426 reads in each of 6 runs. They take 6 to 16 s on 2 cores.
const EXPORTS: usize = 20;

#[test]
fn a_reader_polling_during_repeated_exports_never_misses_a_file() {
    let (_dir, db, out) = seeded(3, 2);
    export(&db, &out);

    let stop = Arc::new(AtomicBool::new(false));
    // Two readers, so one is likely on a CPU whenever the export swaps.
    let files = vec![out.join("v1/shop.json"), out.join("v1/export.json")];
    let readers = [
        poll(files.clone(), Arc::clone(&stop)),
        poll(files.into_iter().rev().collect(), Arc::clone(&stop)),
    ];
    let started = Instant::now();
    for _ in 0..EXPORTS {
        export(&db, &out);
    }
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (mut reads, mut misses) = (0, Vec::new());
    for reader in readers {
        let (read, missed) = reader.join().unwrap();
        reads += read;
        misses.extend(missed);
    }
    let report = format!(
        "{} of {reads} reads missed during {EXPORTS} exports in {took:?}; first: {:?}",
        misses.len(),
        misses.first()
    );
    eprintln!("{report}");
    assert!(reads > 1_000, "{report}");
    assert_eq!(misses.len(), 0, "{report}");
    assert_eq!(debris(&out), Vec::<String>::new());
    assert_complete(&out);
}
