//! The one integration-test binary: every test starts the real server and drives it over HTTP,
//! on SQLite and (with `TEST_DATABASE_URL`) on PostgreSQL. Add modules here, not new binaries:
//! each extra test binary costs a full link on a 2-core machine.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;

mod api_tokens;
mod audit;
mod auth;
mod authz_matrix;
mod bom;
mod bom_import;
mod bom_tree;
mod cli;
mod clients;
mod conventions;
mod dashboard;
mod demo;
mod files;
mod health;
mod kanban;
mod live;
mod members;
mod mfa;
mod passwords;
mod production;
mod projects;
mod search;
mod sessions;
mod store;
mod suppliers;
mod users;
mod web;
mod work;
