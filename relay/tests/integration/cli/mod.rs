//! The subcommands that need no server: `inspect` and `demo`'s data.

mod demo;
mod inspect;
