//! Prometheus metrics in the classic text exposition format: request counts and latency
//! histograms by method, route template and status.
//!
//! Routes are labelled by their template (`/api/v1/projects/{id}`), never the concrete path,
//! so the number of series stays bounded.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// The process's HTTP metrics.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut series) = self.series.lock() else {
            return;
        };
        let entry = series
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default();
        entry.count += 1;
        entry.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                entry.buckets[i] += 1;
            }
        }
    }

    /// Renders all series; the histogram buckets are cumulative as the format requires.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let Ok(series) = self.series.lock() else {
            return out;
        };
        out.push_str(
            "# HELP http_requests_total HTTP requests answered, by method, route and status.\n",
        );
        out.push_str("# TYPE http_requests_total counter\n");
        for ((method, route, status), s) in series.iter() {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {}",
                escape(method),
                escape(route),
                s.count
            );
        }
        out.push_str("# HELP http_request_duration_seconds Time to answer HTTP requests, by method, route and status.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for ((method, route, status), s) in series.iter() {
            let labels = format!(
                "method=\"{}\",route=\"{}\",status=\"{status}\"",
                escape(method),
                escape(route)
            );
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

pub async fn middleware(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    // Requests no route matched are either the web app's pages and files (served by the
    // fallback) or unknown API paths; neither may become a label of its own (cardinality).
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| {
            let path = request.uri().path();
            if path == "/api" || path.starts_with("/api/") {
                "unmatched".to_owned()
            } else {
                "web".to_owned()
            }
        });
    let response = next.run(request).await;
    state.metrics.observe(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative_and_consistent() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/projects", 200, 0.003);
        m.observe("GET", "/api/v1/projects", 200, 0.2);
        let text = m.render();
        assert!(text.contains(
            "http_requests_total{method=\"GET\",route=\"/api/v1/projects\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.001\"} 0"));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"0.25\"} 2"));
        assert!(text.contains("le=\"+Inf\"} 2"));
        assert!(text.contains("http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/projects\",status=\"200\"} 2"));
    }
}
