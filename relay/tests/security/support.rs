//! Running the relay binary the way an operator does, with nothing inherited from the
//! environment of whoever runs the tests.

#![allow(dead_code)]

use std::process::Command;

/// The key every test uses: a canary that must never appear anywhere but upstream.
pub const KEY: &str = "rk_LEAKCANARY_5ec2e7";

/// `stele-relay` with every `STELE_*`, `RTG_*` and `RUST_LOG` variable of the test's own
/// environment removed, so a developer's settings cannot change what a test sees.
pub fn relay() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stele-relay"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("STELE_")
            || name.starts_with("RTG_")
            || name == "RUST_LOG"
            || name == "CREDENTIALS_DIRECTORY"
            || name == "STATE_DIRECTORY"
        {
            command.env_remove(&*name);
        }
    }
    command
}
