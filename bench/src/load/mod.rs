//! The load test, written with goose (a Locust-style load-testing framework): simulated
//! production teams ([`team`]) against a running server, and single-endpoint probes
//! ([`probe`]) that measure the floors every figure is compared with.
//!
//! Each goose user is a tokio task with its own HTTP client, so `users` is also the number
//! of connections. Goose resets its metrics once every user has started, so logins and the
//! ramp-up are not in the figures.

pub mod figures;
pub mod probe;
pub mod team;

use std::time::Duration;

use anyhow::anyhow;
use goose::config::GooseConfiguration;
use goose::prelude::*;

pub use figures::RunFigures;

/// How many users, how fast they arrive, for how long, and how long they think between
/// actions (`None`: a closed loop, the next request as soon as the answer is read).
#[derive(Debug, Clone)]
pub struct Shape {
    pub users: usize,
    pub hatch_per_second: usize,
    pub seconds: usize,
    pub think: Option<(Duration, Duration)>,
}

/// Runs `scenario` against `host` in `shape` and returns its figures under `label`.
async fn attack(
    host: &str,
    scenario: Scenario,
    shape: &Shape,
    label: &str,
) -> anyhow::Result<RunFigures> {
    let scenario = match shape.think {
        Some((min, max)) => scenario
            .set_wait_time(min, max)
            .map_err(|e| anyhow!("think time: {e}"))?,
        None => scenario,
    };
    let mut config = GooseConfiguration::default();
    // Quiet: the suite prints its own report; no controllers listening on ports.
    config.quiet = 1;
    config.no_print_metrics = true;
    config.no_telnet = true;
    config.no_websocket = true;
    let started = std::time::Instant::now();
    let metrics = GooseAttack::initialize_with_config(config)
        .map_err(|e| anyhow!("goose: {e}"))?
        .register_scenario(scenario)
        .set_default(GooseDefault::Host, host)
        .and_then(|a| a.set_default(GooseDefault::Users, shape.users))
        .and_then(|a| {
            a.set_default(
                GooseDefault::HatchRate,
                &*shape.hatch_per_second.to_string(),
            )
        })
        .and_then(|a| a.set_default(GooseDefault::RunTime, shape.seconds))
        .and_then(|a| a.set_default(GooseDefault::Timeout, "30"))
        .map_err(|e| anyhow!("goose configuration: {e}"))?
        .execute()
        .await
        .map_err(|e| anyhow!("goose run {label}: {e}"))?;
    Ok(figures::from_metrics(
        label,
        shape,
        &metrics,
        started.elapsed(),
    ))
}
