//! `stele-relay export --out DIR`: the public JSON as static files at the canonical paths of
//! `stele_core::paths`, for any CDN or object store. The widget reads them unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Args;
use stele_core::listing::{ReviewFilter, ReviewSort};
use stele_core::paths::{self, CANONICAL_PER_PAGE, SUMMARY_CHUNKS};
use stele_core::public::{Source, SummariesView};

use crate::config::{ModerationOptions, StoreOptions};
use crate::snapshot::Snapshot;
use crate::store::Store;

/// Write the public JSON as static files (run `sync` first).
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    store: StoreOptions,
    #[command(flatten)]
    moderation: ModerationOptions,

    /// Directory to write; replaced whole once every file is written.
    #[arg(long)]
    out: PathBuf,
}

/// Files written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStats {
    /// Number of files.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

struct Writer {
    root: PathBuf,
    stats: ExportStats,
}

impl Writer {
    fn write<T: serde::Serialize>(&mut self, relative: &str, value: &T) -> std::io::Result<()> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let body = serde_json::to_vec(value).map_err(std::io::Error::other)?;
        std::fs::write(&path, &body)?;
        self.stats.files += 1;
        self.stats.bytes += body.len() as u64;
        Ok(())
    }

    /// Every page of one list, at least page 1 (an empty list still answers).
    fn pages(
        &mut self,
        listing: &crate::snapshot::Listing,
        sort: ReviewSort,
        filter: &ReviewFilter,
        path: impl Fn(u32) -> String,
    ) -> std::io::Result<()> {
        let mut page = 1;
        loop {
            let current = listing.page(sort, filter, page, CANONICAL_PER_PAGE);
            self.write(&path(page), &current)?;
            if !current.has_more() {
                return Ok(());
            }
            page += 1;
        }
    }
}

/// Writes every canonical file of `snapshot` under `root` (which must exist and be empty).
pub fn write_all(snapshot: &Snapshot, root: &Path) -> std::io::Result<ExportStats> {
    let mut writer = Writer {
        root: root.to_owned(),
        stats: ExportStats::default(),
    };
    writer.write(&paths::shop(), &snapshot.shop_view(Source::Export))?;
    writer.pages(
        &snapshot.testimonials,
        ReviewSort::Newest,
        &ReviewFilter::default(),
        paths::testimonials,
    )?;

    let mut ids: Vec<&String> = snapshot
        .products
        .keys()
        .chain(snapshot.catalog.keys())
        .collect();
    ids.sort();
    ids.dedup();
    let empty = crate::snapshot::Listing::default();
    for id in &ids {
        writer.write(
            &paths::product(id),
            &snapshot.product_view(id, CANONICAL_PER_PAGE, Source::Export),
        )?;
        let listing = snapshot.products.get(*id).map_or(&empty, |p| &p.listing);
        for sort in ReviewSort::ALL {
            writer.pages(listing, sort, &ReviewFilter::default(), |page| {
                paths::reviews(id, sort, None, page)
            })?;
            for stars in 1..=5u8 {
                let filter = ReviewFilter {
                    stars: Some(stars),
                    ..ReviewFilter::default()
                };
                writer.pages(listing, sort, &filter, |page| {
                    paths::reviews(id, sort, Some(stars), page)
                })?;
            }
        }
    }

    let mut chunks: Vec<BTreeMap<String, stele_core::Summary>> =
        vec![BTreeMap::new(); SUMMARY_CHUNKS as usize];
    for id in &ids {
        chunks[paths::summary_chunk_of(id) as usize]
            .insert((*id).clone(), snapshot.summary(id).clone());
    }
    for (chunk, summaries) in chunks.into_iter().enumerate() {
        writer.write(
            &paths::summaries_chunk(chunk as u32),
            &SummariesView {
                summaries,
                chunks: None,
            },
        )?;
    }
    writer.write(
        &paths::summaries_query(),
        &SummariesView {
            summaries: BTreeMap::new(),
            chunks: Some(SUMMARY_CHUNKS),
        },
    )?;
    let manifest = serde_json::json!({
        "source": "export",
        "generated_at": crate::store::now(),
        "per_page": CANONICAL_PER_PAGE,
        "summary_chunks": SUMMARY_CHUNKS,
        "products": ids.len(),
        "files": writer.stats.files + 1,
    });
    writer.write("v1/export.json", &manifest)?;
    Ok(writer.stats)
}

/// Writes the export of `snapshot` to `out`, swapped in whole, and reports it; `command`
/// names the subcommand in messages. Shared by `export` and `demo --export`.
pub fn publish(snapshot: &Snapshot, out: &Path, command: &str) -> ExitCode {
    match replace_dir(out, |tmp| write_all(snapshot, tmp)) {
        Ok(stats) => {
            println!(
                "exported {} files ({} bytes) to {}",
                stats.files,
                stats.bytes,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "stele-relay {command}: cannot write {}: {error}",
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

/// `stele-relay export`.
pub fn run(args: &ExportArgs) -> ExitCode {
    let store = match Store::open(&args.store.db) {
        Ok(store) => Arc::new(Mutex::new(store)),
        Err(error) => {
            eprintln!("stele-relay export: {error}");
            return ExitCode::from(2);
        }
    };
    let snapshot = match crate::commands::build_snapshot(&store, &args.moderation.moderation()) {
        Ok(snapshot) => snapshot,
        Err(error) => {
            eprintln!("stele-relay export: {error}");
            return ExitCode::from(2);
        }
    };
    publish(&snapshot, &args.out, "export")
}

/// Builds the new tree beside `out` and swaps it in, so a reader never sees half an export.
fn replace_dir<T>(
    out: &Path,
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
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    let stale = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    std::fs::create_dir_all(&fresh)?;
    let result = match fill(&fresh) {
        Ok(result) => result,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(error);
        }
    };
    if out.exists() {
        std::fs::rename(out, &stale)?;
    }
    std::fs::rename(&fresh, out)?;
    let _ = std::fs::remove_dir_all(&stale);
    Ok(result)
}
