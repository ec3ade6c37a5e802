//! `stele-relay export --to s3://BUCKET/PREFIX` (also `gs://`, `az://`, and `demo --to`): the
//! export of [`crate::output::export::files`] uploaded to an object store through `object_store`.
//!
//! Order, so a reader never depends on a half-published tree:
//! 1. every object but the manifest, [`CONCURRENCY`] at a time, each with its
//!    `Content-Type` and `Cache-Control` ([`crate::delivery::export_headers`]);
//! 2. the manifest `v1/export.json`, only once every other object is stored;
//! 3. deletions: objects under the tree's folders (`PREFIX/v1/`) that the new tree does not
//!    have. Anything else under the prefix is left alone.
//!
//! A failure in 1 or 2 stops there: nothing is deleted and the old manifest stays, so every
//! path of the previous export still answers (a file uploaded before the failure already
//! holds its new content: object stores replace each object whole).

use std::collections::BTreeSet;
use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::azure::MicrosoftAzureBuilder;
use object_store::gcp::GoogleCloudStorageBuilder;
use object_store::path::Path as ObjectPath;
use object_store::{Attribute, Attributes, ObjectStore, ObjectStoreScheme, PutOptions, PutPayload};
use reqwest::Url;
use tokio::task::JoinSet;

use crate::output::export::{ExportFile, ExportStats, MANIFEST};

/// Uploads (and deletions) in flight at once.
pub const CONCURRENCY: usize = 8;

/// Why a publish failed; each message names the object and what readers see meanwhile.
#[derive(Debug, thiserror::Error)]
pub enum BucketError {
    /// Not a URL at all.
    #[error("--to {url}: not a URL ({message}); write s3://BUCKET/PREFIX, gs://BUCKET/PREFIX or az://CONTAINER/PREFIX")]
    BadUrl {
        /// As given.
        url: String,
        /// The parser's complaint.
        message: String,
    },
    /// A scheme `object_store` does not publish to.
    #[error("--to {url}: unknown scheme \"{scheme}\"; write s3://BUCKET/PREFIX (AWS S3, or R2, MinIO, Backblaze B2, DigitalOcean Spaces through AWS_ENDPOINT), gs://BUCKET/PREFIX or az://CONTAINER/PREFIX (for a directory use --out DIR)")]
    UnknownScheme {
        /// As given.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// `s3://` without a bucket.
    #[error("--to {url}: no bucket; write {scheme}://BUCKET/PREFIX")]
    MissingBucket {
        /// As given.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// The store's settings (from the URL and the AWS_*, GOOGLE_*, AZURE_* variables).
    #[error("--to {url}: {source}")]
    Store {
        /// As given.
        url: String,
        /// What object_store said.
        source: object_store::Error,
    },
    /// An object other than the manifest could not be stored.
    #[error("cannot upload {object}: {source}\nnothing was deleted and the manifest (v1/export.json) was not replaced: the previous export is still intact; run the command again")]
    Upload {
        /// The object's URL.
        object: String,
        /// What the store answered.
        source: object_store::Error,
    },
    /// Every object is stored but the manifest is not.
    #[error("cannot upload the manifest {object}: {source}\nnothing was deleted: the previous export is still intact; run the command again")]
    Manifest {
        /// The manifest's URL.
        object: String,
        /// What the store answered.
        source: object_store::Error,
    },
    /// The files given had no manifest (a bug in the caller).
    #[error("the export has no manifest (v1/export.json); nothing was published as complete")]
    NoManifest,
    /// Uploaded, but the old objects could not be listed.
    #[error("published (manifest written), but cannot list {object} to delete stale objects: {source}; the next publish deletes them")]
    List {
        /// The folder listed.
        object: String,
        /// What the store answered.
        source: object_store::Error,
    },
    /// Uploaded, but a stale object could not be deleted.
    #[error("published (manifest written), but cannot delete the stale object {object}: {source}; the next publish deletes it")]
    Delete {
        /// The stale object's URL.
        object: String,
        /// What the store answered.
        source: object_store::Error,
    },
}

/// Where an export goes: a store (a bucket or container) and a prefix in it.
#[derive(Debug, Clone)]
pub struct Target {
    display: String,
    store: Arc<dyn ObjectStore>,
    prefix: ObjectPath,
}

impl Target {
    /// `s3://BUCKET/PREFIX`, `gs://BUCKET/PREFIX` or `az://CONTAINER/PREFIX` (and the other
    /// forms `object_store` recognises for those three services), configured from the
    /// environment: `AmazonS3Builder::from_env` and its GCS and Azure siblings.
    pub fn parse(given: &str) -> Result<Self, BucketError> {
        let url = Url::parse(given).map_err(|error| BucketError::BadUrl {
            url: given.to_owned(),
            message: error.to_string(),
        })?;
        let scheme = url.scheme().to_owned();
        let bucket = url.host_str().filter(|host| !host.is_empty());
        let cloud = matches!(
            scheme.as_str(),
            "s3" | "s3a" | "gs" | "az" | "adl" | "azure" | "abfs" | "abfss"
        );
        if cloud && bucket.is_none() {
            return Err(BucketError::MissingBucket {
                url: given.to_owned(),
                scheme,
            });
        }
        let unknown = || BucketError::UnknownScheme {
            url: given.to_owned(),
            scheme: scheme.clone(),
        };
        let (kind, path) = ObjectStoreScheme::parse(&url).map_err(|_| unknown())?;
        let bad_path = |error: object_store::path::Error| BucketError::BadUrl {
            url: given.to_owned(),
            message: error.to_string(),
        };
        // object_store 0.12 reads az:// URLs two ways: ObjectStoreScheme::parse as
        // az://ACCOUNT/CONTAINER/PATH, MicrosoftAzureBuilder::with_url as
        // az://CONTAINER/PATH (the account from AZURE_STORAGE_ACCOUNT_NAME). The builder
        // decides where objects go, so the prefix is the whole URL path.
        let prefix = if scheme == "az" {
            ObjectPath::from_url_path(url.path()).map_err(bad_path)?
        } else {
            path
        };
        let built = match kind {
            ObjectStoreScheme::AmazonS3 => AmazonS3Builder::from_env()
                .with_url(given)
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>),
            ObjectStoreScheme::GoogleCloudStorage => GoogleCloudStorageBuilder::from_env()
                .with_url(given)
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>),
            ObjectStoreScheme::MicrosoftAzure => MicrosoftAzureBuilder::from_env()
                .with_url(given)
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>),
            _ => return Err(unknown()),
        };
        let store = built.map_err(|source| BucketError::Store {
            url: given.to_owned(),
            source,
        })?;
        Ok(Self::new(store, prefix, given))
    }

    /// Any store and prefix; `display` names them in messages (`s3://bucket/shop`).
    pub fn new(store: Arc<dyn ObjectStore>, prefix: ObjectPath, display: &str) -> Self {
        Self {
            display: display.trim_end_matches('/').to_owned(),
            store,
            prefix,
        }
    }

    /// The URL given, without a trailing `/`.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The key of the export's `relative` path.
    fn location(&self, relative: &str) -> Result<ObjectPath, object_store::Error> {
        let key = match self.prefix.as_ref() {
            "" => relative.to_owned(),
            prefix => format!("{prefix}/{relative}"),
        };
        ObjectPath::parse(key).map_err(|source| object_store::Error::InvalidPath { source })
    }

    /// The URL of `relative`, for messages.
    fn object(&self, relative: &str) -> String {
        format!("{}/{relative}", self.display)
    }
}

fn put_options(path: &str) -> PutOptions {
    let (content_type, cache_control) = crate::delivery::export_headers(path);
    PutOptions {
        attributes: Attributes::from_iter([
            (Attribute::ContentType, content_type),
            (Attribute::CacheControl, cache_control),
        ]),
        ..PutOptions::default()
    }
}

/// What a publish did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Uploaded {
    /// Objects written (the manifest included) and their bytes.
    pub stats: ExportStats,
    /// Stale objects deleted.
    pub deleted: usize,
}

/// Waits for one task of `tasks`; a panicking task panics here.
async fn finish_one(tasks: &mut JoinSet<Result<(), BucketError>>) -> Result<(), BucketError> {
    match tasks.join_next().await {
        None => Ok(()),
        Some(Ok(result)) => result,
        Some(Err(error)) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// Publishes `files` (an export, manifest included) to `target` in the order of the module
/// documentation. On an error in-flight uploads are abandoned and nothing is deleted.
pub async fn upload(
    target: &Target,
    files: impl Iterator<Item = ExportFile>,
) -> Result<Uploaded, BucketError> {
    let mut published = Uploaded::default();
    let mut keys = BTreeSet::new();
    let mut folders = BTreeSet::new();
    let mut manifest = None;
    let mut tasks = JoinSet::new();
    for file in files {
        published.stats.add(&file);
        let object = target.object(&file.path);
        let location = target
            .location(&file.path)
            .map_err(|source| BucketError::Upload {
                object: object.clone(),
                source,
            })?;
        keys.insert(location.to_string());
        if let Some((folder, _)) = file.path.split_once('/') {
            folders.insert(folder.to_owned());
        }
        if file.path == MANIFEST {
            manifest = Some((location, file));
            continue;
        }
        if tasks.len() >= CONCURRENCY {
            finish_one(&mut tasks).await?;
        }
        let store = Arc::clone(&target.store);
        let options = put_options(&file.path);
        tasks.spawn(async move {
            store
                .put_opts(&location, PutPayload::from(file.body), options)
                .await
                .map(drop)
                .map_err(|source| BucketError::Upload { object, source })
        });
    }
    while !tasks.is_empty() {
        finish_one(&mut tasks).await?;
    }

    let (location, file) = manifest.ok_or(BucketError::NoManifest)?;
    target
        .store
        .put_opts(
            &location,
            PutPayload::from(file.body),
            put_options(&file.path),
        )
        .await
        .map_err(|source| BucketError::Manifest {
            object: target.object(&file.path),
            source,
        })?;

    for folder in &folders {
        let scope = target
            .location(folder)
            .map_err(|source| BucketError::List {
                object: target.object(folder),
                source,
            })?;
        let mut listing = target.store.list(Some(&scope));
        let mut stale = Vec::new();
        // `Stream::poll_next` through the boxed stream's own vtable: no futures crate needed.
        while let Some(meta) = std::future::poll_fn(|cx| listing.as_mut().poll_next(cx)).await {
            let meta = meta.map_err(|source| BucketError::List {
                object: format!("{}/{folder}/", target.display),
                source,
            })?;
            if !keys.contains(meta.location.as_ref()) {
                stale.push(meta.location);
            }
        }
        for location in stale {
            if tasks.len() >= CONCURRENCY {
                finish_one(&mut tasks).await?;
            }
            let store = Arc::clone(&target.store);
            let object = match location.prefix_match(&target.prefix) {
                Some(parts) => {
                    let relative: Vec<String> =
                        parts.map(|part| part.as_ref().to_owned()).collect();
                    target.object(&relative.join("/"))
                }
                None => location.to_string(),
            };
            published.deleted += 1;
            tasks.spawn(async move {
                store
                    .delete(&location)
                    .await
                    .map_err(|source| BucketError::Delete { object, source })
            });
        }
        while !tasks.is_empty() {
            finish_one(&mut tasks).await?;
        }
    }
    Ok(published)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::{
        export_headers as headers, DEFAULT_DATA_CACHE_CONTROL as JSON_CACHE_CONTROL, IMMUTABLE,
        REVALIDATE,
    };
    use object_store::memory::InMemory;

    #[test]
    fn json_revalidates_like_the_relay_and_hashed_widget_files_are_immutable() {
        assert_eq!(
            JSON_CACHE_CONTROL,
            crate::config::http::HttpSettings::default()
                .cache_control
                .to_str()
                .unwrap()
        );
        let json = ("application/json", JSON_CACHE_CONTROL);
        assert_eq!(headers("v1/products/2183.json"), json);
        assert_eq!(
            headers("v1/summaries"),
            json,
            "the pointer file has no extension"
        );
        assert_eq!(
            headers("stele-357fb5c2b43e.wasm"),
            ("application/wasm", IMMUTABLE)
        );
        assert_eq!(
            headers("widget/stele-badges-229e52d4da8c.js"),
            ("text/javascript; charset=utf-8", IMMUTABLE)
        );
        // Scripts and stylesheets say UTF-8, as the relay serves them (they did not).
        let js = "text/javascript; charset=utf-8";
        assert_eq!(headers("stele.js"), (js, REVALIDATE));
        assert_eq!(
            headers("stele.css"),
            ("text/css; charset=utf-8", REVALIDATE)
        );
        assert_eq!(headers("my-component.js"), (js, REVALIDATE));
    }

    fn error_of(url: &str) -> String {
        Target::parse(url).unwrap_err().to_string()
    }

    #[test]
    fn urls_name_what_is_wrong() {
        assert!(error_of("ftp://host/x").contains("unknown scheme \"ftp\""));
        assert!(error_of("file:///tmp/x").contains("for a directory use --out DIR"));
        assert!(error_of("https://example.com/x").contains("unknown scheme \"https\""));
        assert!(error_of("s3://").contains("no bucket; write s3://BUCKET/PREFIX"));
        assert!(error_of("gs:///shop").contains("no bucket; write gs://BUCKET/PREFIX"));
        assert!(error_of("bucket/shop").contains("not a URL"));
        let target = Target::parse("s3://bucket/shop/").unwrap();
        assert_eq!(target.prefix.as_ref(), "shop");
        assert_eq!(target.display(), "s3://bucket/shop");
        assert_eq!(
            target.location("v1/shop.json").unwrap().as_ref(),
            "shop/v1/shop.json"
        );
        assert_eq!(
            Target::parse("s3://bucket")
                .unwrap()
                .location("v1/x.json")
                .unwrap()
                .as_ref(),
            "v1/x.json"
        );
    }

    fn file(path: &str, body: &str) -> ExportFile {
        ExportFile {
            path: path.into(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[tokio::test]
    async fn objects_carry_their_headers_and_stale_ones_under_the_tree_go() {
        let store = Arc::new(InMemory::new());
        let target = Target::new(store.clone(), ObjectPath::from("shop"), "memory:///shop");
        let outside = ObjectPath::from("shop/index.html");
        store.put(&outside, PutPayload::from("mine")).await.unwrap();
        let first = [
            file("v1/products/a.json", "{}"),
            file("v1/products/b.json", "{}"),
            file("v1/summaries", "{}"),
            file(MANIFEST, "{\"n\":1}"),
        ];
        let published = upload(&target, first.into_iter()).await.unwrap();
        assert_eq!(published.stats.files, 4);
        assert_eq!(published.deleted, 0);
        let got = store
            .get(&ObjectPath::from("shop/v1/summaries"))
            .await
            .unwrap();
        assert_eq!(
            got.attributes
                .get(&Attribute::ContentType)
                .map(|v| v.as_ref()),
            Some("application/json")
        );
        assert_eq!(
            got.attributes
                .get(&Attribute::CacheControl)
                .map(|v| v.as_ref()),
            Some(JSON_CACHE_CONTROL)
        );

        let second = [
            file("v1/products/a.json", "{}"),
            file(MANIFEST, "{\"n\":2}"),
        ];
        let published = upload(&target, second.into_iter()).await.unwrap();
        assert_eq!(published.deleted, 2);
        assert!(store
            .head(&ObjectPath::from("shop/v1/products/b.json"))
            .await
            .is_err());
        assert!(store.head(&outside).await.is_ok(), "outside the tree: kept");
        let manifest = store
            .get(&ObjectPath::from("shop/v1/export.json"))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(&manifest[..], b"{\"n\":2}");

        let none = [file("v1/products/a.json", "{}")];
        assert!(matches!(
            upload(&target, none.into_iter()).await,
            Err(BucketError::NoManifest)
        ));
    }
}
