//! The embedded store's file.

use std::path::PathBuf;

use clap::Args;

/// The embedded store.
#[derive(Debug, Clone, Args)]
pub struct StoreOptions {
    /// SQLite database file (created if missing); default `$STATE_DIRECTORY/stele.db` under
    /// systemd (`StateDirectory=`), else `./stele.db`.
    #[arg(long, env = "STELE_DB", default_value_os_t = default_db())]
    pub db: PathBuf,
}

/// `$STATE_DIRECTORY/stele.db` under systemd, else `./stele.db`.
pub fn default_db() -> PathBuf {
    // systemd may pass several directories separated by colons: the first is ours.
    std::env::var_os("STATE_DIRECTORY")
        .and_then(|dirs| std::env::split_paths(&dirs).next())
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."))
        .join("stele.db")
}
