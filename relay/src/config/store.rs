//! The embedded store's file.

use std::path::PathBuf;

use clap::Args;

/// The embedded store.
#[derive(Debug, Clone, Args)]
pub struct StoreOptions {
    /// SQLite database file (created if missing); default `$STATE_DIRECTORY/stele.db` under
    /// systemd (`StateDirectory=`), else `./stele.db`.
    #[arg(long, env = "STELE_DB", default_value_os_t = default_db(), value_parser = parse_db)]
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

/// The example every `STELE_DB` refusal ends with.
pub const DB_EXAMPLE: &str = "e.g. STELE_DB=/var/lib/stele/stele.db";

/// `STELE_DB`: any path but an empty one (clap's own "a value is required" names no
/// variable). Whether its directory exists is checked when the store opens.
fn parse_db(text: &str) -> Result<PathBuf, String> {
    if text.trim().is_empty() {
        return Err(format!(
            "STELE_DB=\"\" names no file: name the database file, {DB_EXAMPLE}"
        ));
    }
    Ok(PathBuf::from(text))
}
