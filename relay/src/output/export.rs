//! `stele-relay export`: the public JSON as static files at the canonical paths of
//! `stele_core::paths`, for any CDN or object store. The widget reads them unchanged; the
//! server-rendered fragments are there too, for a web server's includes.
//!
//! [`files`] renders the tree once, file by file and the manifest last; `--out DIR` writes
//! it to a directory swapped in whole ([`write_dir`]), `--to URL` uploads it to a bucket
//! ([`crate::output::bucket`]).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::paths::{self, CANONICAL_PER_PAGE, SUMMARY_CHUNKS};
use stele_core::public::{Source, SummariesView};

use crate::model::snapshot::{Listing, Snapshot};

/// Path of the manifest, the last file of every export.
pub const MANIFEST: &str = "v1/export.json";

/// One file of the export: its path under the export's root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Relative path, `/`-separated (`v1/products/2183.json`).
    pub path: String,
    /// Its bytes: JSON, a PNG or an HTML fragment (the media type follows the path,
    /// `delivery::media_type`).
    pub body: Vec<u8>,
}

/// Files written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStats {
    /// Number of files.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

impl ExportStats {
    /// Counts `file`.
    pub fn add(&mut self, file: &ExportFile) {
        self.files += 1;
        self.bytes += file.body.len() as u64;
    }
}

fn json<T: serde::Serialize>(path: String, value: &T) -> ExportFile {
    // The public types are structs, strings, numbers and string-keyed maps: serde_json
    // cannot fail on them.
    let body = serde_json::to_vec(value).expect("the public JSON serialises");
    ExportFile { path, body }
}

/// Every page of one list, at least page 1 (an empty list still answers), rendered as the
/// iterator reaches it.
fn pages<'a>(
    listing: &'a Listing,
    sort: ReviewSort,
    filter: ReviewFilter,
    path: impl Fn(u32) -> String + 'a,
) -> impl Iterator<Item = ExportFile> + 'a {
    let mut next = Some(1);
    std::iter::from_fn(move || {
        let page = next?;
        let current = listing.page(sort, &filter, page, CANONICAL_PER_PAGE);
        next = current.has_more().then_some(page + 1);
        Some(json(path(page), &current))
    })
}

/// A product's file and every page of its lists: each sort, whole and per histogram row.
fn product_files(snapshot: &Snapshot, id: String) -> impl Iterator<Item = ExportFile> + '_ {
    static EMPTY: OnceLock<Listing> = OnceLock::new();
    let listing = snapshot
        .products
        .get(&id)
        .map_or_else(|| EMPTY.get_or_init(Listing::default), |p| &p.listing);
    let view = json(
        paths::product(&id),
        &snapshot.product_view(&id, ReviewSort::Newest, CANONICAL_PER_PAGE, Source::Export),
    );
    let id_of_fragments = id.clone();
    let image = rating_image(
        paths::product_rating_image(&id),
        snapshot.summary(&id),
        snapshot,
    );
    let rows = [None, Some(1), Some(2), Some(3), Some(4), Some(5)];
    let lists = ReviewSort::ALL.into_iter().flat_map(move |sort| {
        let id = id.clone();
        rows.into_iter().flat_map(move |stars| {
            let id = id.clone();
            let filter = ReviewFilter {
                stars,
                ..ReviewFilter::default()
            };
            pages(listing, sort, filter, move |page| {
                paths::reviews(&id, sort, stars, page)
            })
        })
    });
    let fragments = std::iter::once_with(move || fragments(snapshot, id_of_fragments)).flatten();
    std::iter::once(view)
        .chain(lists)
        .chain(std::iter::once_with(image))
        .chain(fragments)
}

/// A product's server-rendered badge and review section, as the relay renders them with no
/// query: `STELE_EXPORT_LANG`, theme light (which takes the section's own colours), newest
/// first, 10 a page; the stylesheet under `STELE_PUBLIC_URL`.
fn fragments(snapshot: &Snapshot, id: String) -> [ExportFile; 2] {
    let settings = &snapshot.shop_settings;
    let (lang, stylesheet) = (settings.export_lang, settings.stylesheet());
    let view = snapshot.product_view(&id, ReviewSort::Newest, CANONICAL_PER_PAGE, Source::Export);
    let json_ld = crate::output::markup::product_json_ld(&view, lang, settings);
    let theme = stele::options::Theme::Light;
    [
        html(
            paths::product_badge(&id),
            stele::ssr::badge_fragment(snapshot.summary(&id), lang, theme, &stylesheet),
        ),
        html(
            paths::product_fragment(&id),
            stele::ssr::product_fragment(&view, lang, theme, &stylesheet, json_ld.as_ref()),
        ),
    ]
}

/// The shop's testimonials fragment: as [`fragments`], in the default carousel.
fn shop_fragment(snapshot: &Snapshot) -> ExportFile {
    let settings = &snapshot.shop_settings;
    html(
        paths::shop_fragment().to_owned(),
        stele::ssr::shop_fragment(
            &snapshot.shop_view(CANONICAL_PER_PAGE, Source::Export),
            settings.export_lang,
            stele::options::Theme::Light,
            stele::components::Layout::default(),
            &settings.stylesheet(),
        ),
    )
}

fn html(path: String, body: String) -> ExportFile {
    ExportFile {
        path,
        body: body.into_bytes(),
    }
}

/// A rating image, light, in `STELE_IMAGE_LANG`, drawn when the iterator reaches it.
fn rating_image<'a>(
    path: String,
    summary: &'a stele_core::Summary,
    snapshot: &'a Snapshot,
) -> impl FnOnce() -> ExportFile + 'a {
    move || ExportFile {
        path,
        body: crate::output::rating_image::render(
            summary,
            snapshot.shop_settings.image_lang,
            crate::output::rating_image::ImageTheme::Light,
        ),
    }
}

/// The Google product reviews feed, when the shop has a name (`STELE_SHOP_NAME`). It is
/// held once in memory, as every exported file is.
fn google_reviews(snapshot: &Snapshot) -> impl Iterator<Item = ExportFile> + '_ {
    std::iter::once_with(move || {
        let name = snapshot.shop_settings.name.as_deref()?;
        let body: String = crate::output::google_reviews::Chunks::new(snapshot, name).collect();
        Some(ExportFile {
            path: crate::output::google_reviews::PATH.to_owned(),
            body: body.into_bytes(),
        })
    })
    .flatten()
}

/// Every canonical file of `snapshot`, rendered one at a time as the iterator advances, with
/// the manifest ([`MANIFEST`]) last. The directory export and the bucket publisher both
/// write exactly this sequence.
pub fn files(snapshot: &Snapshot) -> impl Iterator<Item = ExportFile> + '_ {
    let mut ids: Vec<String> = snapshot
        .products
        .keys()
        .chain(snapshot.catalog.keys())
        .cloned()
        .collect();
    ids.sort();
    ids.dedup();
    let products = ids.len();
    let chunk_ids = ids.clone();
    let counted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&counted);

    let summary_chunks = std::iter::once_with(move || {
        let mut chunks: Vec<BTreeMap<String, stele_core::Summary>> =
            vec![BTreeMap::new(); SUMMARY_CHUNKS as usize];
        for id in &chunk_ids {
            chunks[paths::summary_chunk_of(id) as usize]
                .insert(id.clone(), snapshot.summary(id).clone());
        }
        chunks
            .into_iter()
            .enumerate()
            .map(|(chunk, summaries)| {
                json(
                    paths::summaries_chunk(chunk as u32),
                    &SummariesView {
                        summaries,
                        ..SummariesView::default()
                    },
                )
            })
            .collect::<Vec<_>>()
    })
    .flatten();
    let summaries_pointer = std::iter::once_with(|| {
        json(
            paths::summaries_query(),
            &SummariesView {
                chunks: Some(SUMMARY_CHUNKS),
                ..SummariesView::default()
            },
        )
    });
    let manifest = std::iter::once_with(move || {
        json(
            MANIFEST.to_owned(),
            &serde_json::json!({
                "source": "export",
                "generated_at": crate::model::store::now(),
                "per_page": CANONICAL_PER_PAGE,
                "summary_chunks": SUMMARY_CHUNKS,
                "products": products,
                "files": counted.load(Ordering::Relaxed) + 1,
            }),
        )
    });

    std::iter::once_with(move || {
        json(
            paths::shop(),
            &snapshot.shop_view(CANONICAL_PER_PAGE, Source::Export),
        )
    })
    .chain(std::iter::once_with(rating_image(
        paths::shop_rating_image().to_owned(),
        &snapshot.shop,
        snapshot,
    )))
    .chain(std::iter::once_with(|| shop_fragment(snapshot)))
    .chain(pages(
        &snapshot.testimonials,
        ReviewSort::Newest,
        ReviewFilter::default(),
        paths::testimonials,
    ))
    .chain(
        ids.into_iter()
            .flat_map(move |id| product_files(snapshot, id)),
    )
    .chain(summary_chunks)
    .chain(summaries_pointer)
    .chain(google_reviews(snapshot))
    .inspect(move |_| {
        count.fetch_add(1, Ordering::Relaxed);
    })
    .chain(manifest)
}

/// Writes every canonical file of `snapshot` under `root` (which must exist and be empty).
pub fn write_all(snapshot: &Snapshot, root: &Path) -> std::io::Result<ExportStats> {
    let mut stats = ExportStats::default();
    for file in files(snapshot) {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.body)?;
        stats.add(&file);
    }
    Ok(stats)
}

/// Writes the export of `snapshot` to `out`, swapped in whole (one rename exchange); `command`
/// names the subcommand in messages about stale trees.
pub fn write_dir(snapshot: &Snapshot, out: &Path, command: &str) -> std::io::Result<ExportStats> {
    replace_dir(out, command, |tmp| write_all(snapshot, tmp))
}

/// Builds the new tree in `.NAME.new-PID` beside `out` and swaps it in with one rename
/// exchange, so a reader finds every file at every moment, old or new. Trees that killed
/// runs left beside `out` are removed first ([`remove_stale_trees`]).
fn replace_dir<T>(
    out: &Path,
    command: &str,
    fill: impl FnOnce(&Path) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    remove_stale_trees(parent, &name, command);
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    let stale = parent.join(format!(".{name}.old-{}", std::process::id()));
    // Ours by name: left by an earlier process with this PID, whatever it was.
    let _ = remove_tree(&fresh);
    let _ = remove_tree(&stale);
    std::fs::create_dir_all(&fresh)?;
    let result = fill(&fresh).and_then(|result| swap_in(&fresh, out, &stale).map(|()| result));
    if result.is_err() {
        let _ = remove_tree(&fresh);
    }
    result
}

/// Puts the tree at `fresh` at `out`. On Linux one `renameat2(RENAME_EXCHANGE)` swaps the
/// two, and the old tree, now at `fresh`, is removed; `out` absent (the first export) is a
/// plain rename.
#[cfg(target_os = "linux")]
fn swap_in(fresh: &Path, out: &Path, stale: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, fresh, CWD, out, RenameFlags::EXCHANGE) {
        Ok(()) => {
            let _ = remove_tree(fresh);
            Ok(())
        }
        // Nothing to exchange with: the first export.
        Err(Errno::NOENT) if std::fs::symlink_metadata(out).is_err() => std::fs::rename(fresh, out),
        // A filesystem that does not implement the exchange (EINVAL: some FUSE and network
        // filesystems) or a kernel before 3.15 (ENOSYS): two renames, with a moment
        // between them in which `out` is missing.
        Err(Errno::INVAL | Errno::NOSYS) => swap_in_two_steps(fresh, out, stale),
        Err(errno) => Err(errno.into()),
    }
}

/// Puts the tree at `fresh` at `out`: with no exchange on this platform, `out` moves aside
/// to `stale` and `fresh` takes its place, so for a moment `out` is missing.
#[cfg(not(target_os = "linux"))]
fn swap_in(fresh: &Path, out: &Path, stale: &Path) -> std::io::Result<()> {
    swap_in_two_steps(fresh, out, stale)
}

fn swap_in_two_steps(fresh: &Path, out: &Path, stale: &Path) -> std::io::Result<()> {
    let moved = std::fs::symlink_metadata(out).is_ok();
    if moved {
        std::fs::rename(out, stale)?;
    }
    if let Err(error) = std::fs::rename(fresh, out) {
        if moved {
            let _ = std::fs::rename(stale, out);
        }
        return Err(error);
    }
    let _ = remove_tree(stale);
    Ok(())
}

/// Removes a directory with everything in it, or a file (a symlink itself, never its
/// target).
fn remove_tree(path: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Removes every `.NAME.new-PID` and `.NAME.old-PID` in `parent` whose run is over (a run
/// killed half-way leaves its tree; a web server serving `parent` would serve it), and says
/// so on stderr. The tree of a run still going, a concurrent export, is left alone.
fn remove_stale_trees(parent: &Path, name: &str, command: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| {
                rest.strip_prefix("new-")
                    .or_else(|| rest.strip_prefix("old-"))
            })
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && running(pid) {
            continue;
        }
        let path = entry.path();
        match remove_tree(&path) {
            Ok(()) => eprintln!(
                "stele-relay {command}: removed {}, left by export {pid} that no longer runs",
                path.display()
            ),
            // A concurrent run removed it first.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => eprintln!(
                "stele-relay {command}: cannot remove {}, left by export {pid}: {error}",
                path.display()
            ),
        }
    }
}

/// Whether process `pid` may be running: `/proc/PID` exists (a zombie or a reused PID
/// counts as running, so at worst a tree waits for a later run). Without a `/proc` to ask
/// every process counts as running.
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn running(_pid: u32) -> bool {
    true
}
