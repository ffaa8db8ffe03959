//! The crate's one integration-test binary (each extra binary costs a full link): real-world
//! shaped uploads built in memory, and export → import round trips.

// Helpers outside #[test] functions unwrap too; clippy.toml only exempts the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod read_csv;
mod read_xlsx;
mod round_trip;
