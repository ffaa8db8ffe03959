//! The `eventmgr` server: configuration, the command line, telemetry and the one start-up
//! path shared by `main` and the integration tests.

pub mod cli;
pub mod config;
pub mod startup;
pub mod telemetry;
