//! Figures of one goose run: per request type and for all reads and all writes together,
//! percentiles from goose's response-time histogram (whole milliseconds, goose rounds
//! times above 100 ms to 10 ms and above 1 s to 100 ms), throughput over the measured
//! window (from the moment every user had started to the end), and the errors.

use std::collections::BTreeMap;
use std::time::Duration;

use goose::metrics::GooseMetrics;
use goose::prelude::GooseMethod;
use goose::test_plan::TestPlanStepAction;
use serde::Serialize;

use super::Shape;

/// Latency percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Percentiles {
    pub p50: usize,
    pub p95: usize,
    pub p99: usize,
    pub max: usize,
}

/// One request type (`GET /projects/{id}`), or all reads or all writes of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RequestFigures {
    pub name: String,
    pub write: bool,
    pub count: usize,
    pub errors: usize,
    /// Writes refused because another person changed the record first (409/412): correct
    /// answers, counted apart from errors.
    pub conflicts: usize,
    pub per_second: f64,
    pub ms: Percentiles,
}

/// A whole run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunFigures {
    pub label: String,
    pub users: usize,
    pub think: Option<(f64, f64)>,
    /// The measured window, after every user had started.
    pub seconds: f64,
    pub requests: usize,
    pub errors: usize,
    pub conflicts: usize,
    /// Reads answered 304 because the person's browser held the current copy (BOM trees):
    /// successful reads, counted among them.
    pub revalidated: usize,
    pub per_second: f64,
    /// Share of writes among the measured requests (logins excluded).
    pub write_share: f64,
    pub reads: RequestFigures,
    pub writes: RequestFigures,
    pub logins: RequestFigures,
    pub by_request: Vec<RequestFigures>,
    /// Up to ten distinct error texts (status and request), for the report.
    pub error_samples: Vec<String>,
}

/// Whether a request changes data (what the goals call a write).
fn is_write(method: &GooseMethod) -> bool {
    !matches!(method, GooseMethod::Get | GooseMethod::Head)
}

/// The `q`-quantile (0..=1) of a histogram of whole milliseconds.
pub fn quantile(times: &BTreeMap<usize, usize>, q: f64) -> usize {
    let total: usize = times.values().sum();
    if total == 0 {
        return 0;
    }
    let rank = ((total as f64) * q).ceil().max(1.0) as usize;
    let mut seen = 0;
    for (ms, count) in times {
        seen += count;
        if seen >= rank {
            return *ms;
        }
    }
    times.keys().next_back().copied().unwrap_or(0)
}

fn percentiles(times: &BTreeMap<usize, usize>) -> Percentiles {
    Percentiles {
        p50: quantile(times, 0.50),
        p95: quantile(times, 0.95),
        p99: quantile(times, 0.99),
        max: times.keys().next_back().copied().unwrap_or(0),
    }
}

/// The seconds between the start of the "every user running" step and the next step.
fn measured_window(metrics: &GooseMetrics) -> Option<f64> {
    let history = &metrics.history;
    let at = history
        .iter()
        .position(|h| matches!(h.action, TestPlanStepAction::Maintaining))?;
    let end = history.get(at + 1)?;
    let ms = (end.timestamp - history[at].timestamp).num_milliseconds();
    (ms > 0).then_some(ms as f64 / 1000.0)
}

pub(super) fn from_metrics(
    label: &str,
    shape: &Shape,
    metrics: &GooseMetrics,
    wall: Duration,
) -> RunFigures {
    let seconds = measured_window(metrics)
        .or((metrics.duration > 0).then_some(metrics.duration as f64))
        .unwrap_or(wall.as_secs_f64());
    let mut by_request = Vec::new();
    let mut reads = (RequestFigures::default(), BTreeMap::new());
    let mut writes = (RequestFigures::default(), BTreeMap::new());
    let mut logins = (RequestFigures::default(), BTreeMap::new());
    let mut revalidated = 0;
    for (key, aggregate) in &metrics.requests {
        revalidated += aggregate
            .status_code_counts
            .get(&super::team::REVALIDATED)
            .copied()
            .unwrap_or(0);
        let times = &aggregate.raw_data.times;
        let figures = RequestFigures {
            name: key.clone(),
            write: is_write(&aggregate.method),
            count: aggregate.success_count + aggregate.fail_count,
            errors: aggregate.fail_count,
            conflicts: super::team::CONFLICTS
                .iter()
                .filter_map(|code| aggregate.status_code_counts.get(code))
                .sum(),
            per_second: (aggregate.success_count + aggregate.fail_count) as f64 / seconds,
            ms: percentiles(times),
        };
        let into = if aggregate.path.contains("/auth/login") || key.contains("login") {
            &mut logins
        } else if figures.write {
            &mut writes
        } else {
            &mut reads
        };
        into.0.count += figures.count;
        into.0.errors += figures.errors;
        into.0.conflicts += figures.conflicts;
        for (ms, n) in times {
            *into.1.entry(*ms).or_insert(0) += n;
        }
        by_request.push(figures);
    }
    by_request.sort_by(|a, b| (a.write, &a.name).cmp(&(b.write, &b.name)));
    let finish = |(mut f, times): (RequestFigures, BTreeMap<usize, usize>), name: &str| {
        f.name = name.to_owned();
        f.write = name == "writes";
        f.per_second = f.count as f64 / seconds;
        f.ms = percentiles(&times);
        f
    };
    let reads = finish(reads, "reads");
    let writes = finish(writes, "writes");
    let logins = finish(logins, "logins");
    let requests = reads.count + writes.count;
    // Goose keeps the answers it was told were fine in its error list: the conflicts,
    // counted as conflicts above, and the 304s of BOM trees a person's browser already
    // holds (successes: counted with the reads).
    let mut error_samples: Vec<String> = metrics
        .errors
        .values()
        .filter(|e| {
            !super::team::CONFLICTS
                .iter()
                .chain([&super::team::REVALIDATED])
                .any(|code| e.error.starts_with(&format!("{code} ")))
        })
        .map(|e| format!("{} × {}", e.occurrences, e.error))
        .collect();
    error_samples.sort();
    error_samples.truncate(10);
    RunFigures {
        label: label.to_owned(),
        users: shape.users,
        think: shape.think.map(|(a, b)| (a.as_secs_f64(), b.as_secs_f64())),
        seconds,
        requests,
        errors: reads.errors + writes.errors,
        conflicts: writes.conflicts,
        revalidated,
        per_second: requests as f64 / seconds,
        write_share: if requests == 0 {
            0.0
        } else {
            writes.count as f64 / requests as f64
        },
        reads,
        writes,
        logins,
        by_request,
        error_samples,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_the_histogram() {
        // 90 requests at 1 ms, 9 at 5 ms, 1 at 40 ms.
        let times = BTreeMap::from([(1, 90), (5, 9), (40, 1)]);
        assert_eq!(quantile(&times, 0.50), 1);
        assert_eq!(quantile(&times, 0.90), 1);
        assert_eq!(quantile(&times, 0.95), 5);
        assert_eq!(quantile(&times, 0.99), 5);
        assert_eq!(quantile(&times, 1.0), 40);
        assert_eq!(quantile(&BTreeMap::new(), 0.95), 0);
    }
}
