//! One file per language, each a [`Messages`](super::Messages) constant: a language missing
//! a message does not compile.

pub mod bg;
pub mod de;
pub mod en;
pub mod es;
pub mod fr;
pub mod hu;
pub mod it;
pub mod pl;
pub mod ro;
