//! The critical path method (CPM) over a project's finish-to-start task dependencies.
//!
//! Durations come from estimated hours and are counted in working time: `hours_per_day`
//! hours on Monday to Friday (8 by default). For each task the forward pass gives its
//! earliest start and finish, the backward pass from the project's end its latest start
//! and finish; the difference is its slack, and tasks without slack are critical. A task
//! whose due date lies before its earliest finish "cannot make it".
//!
//! Everything is in whole minutes of working time from the schedule's start, so the
//! arithmetic is exact; dates are derived at the end. O(tasks + dependencies).

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// One task as the schedule sees it.
#[derive(Debug, Clone)]
pub struct TaskInput<Id> {
    pub id: Id,
    /// Working minutes the task takes (from its estimated hours; 0 when not estimated).
    pub duration_minutes: i64,
    pub due_date: Option<NaiveDate>,
}

/// `before` must finish before `after` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency<Id> {
    pub before: Id,
    pub after: Id,
}

#[derive(Debug, Clone, Copy)]
pub struct Calendar {
    /// First working day of the schedule (moved to the next weekday if it is a weekend).
    pub start: NaiveDate,
    pub hours_per_day: u32,
}

/// The computed schedule of one task. Offsets are working minutes from the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskSchedule<Id> {
    pub id: Id,
    pub earliest_start: i64,
    pub earliest_finish: i64,
    pub latest_start: i64,
    pub latest_finish: i64,
    pub slack: i64,
    pub critical: bool,
    pub earliest_start_date: NaiveDate,
    pub earliest_finish_date: NaiveDate,
    pub latest_start_date: NaiveDate,
    pub latest_finish_date: NaiveDate,
    /// The due date is before the earliest finish date.
    pub cannot_make_it: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule<Id> {
    /// In the order of the input tasks.
    pub tasks: Vec<TaskSchedule<Id>>,
    /// One chain of critical tasks from the start to the end, in order.
    pub critical_path: Vec<Id>,
    /// Working minutes from the start to the last finish.
    pub project_minutes: i64,
    pub project_finish_date: NaiveDate,
}

/// Why no schedule exists.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError<Id: std::fmt::Debug> {
    /// The dependencies contain a cycle; the ids go round it (first = last).
    #[error("the dependencies contain a cycle: {0:?}")]
    Cycle(Vec<Id>),
    /// A dependency names a task that is not in the list.
    #[error("a dependency names an unknown task: {0:?}")]
    UnknownTask(Id),
}

/// The `n`-th working day (0-based) on or after `start`, Monday to Friday. Saturates at
/// the last representable day: absurd estimates (thousands of years of work) must give an
/// absurd date, not an overflow.
pub fn working_day(start: NaiveDate, n: i64) -> NaiveDate {
    let step = |day: NaiveDate, days: i64| {
        Duration::try_days(days)
            .and_then(|d| day.checked_add_signed(d))
            .unwrap_or(NaiveDate::MAX)
    };
    let mut day = start;
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && day < NaiveDate::MAX {
        day = step(day, 1);
    }
    // Whole weeks first, then single days.
    day = step(day, (n / 5).saturating_mul(7));
    let mut left = n % 5;
    while left > 0 && day < NaiveDate::MAX {
        day = step(day, 1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// If `before → after` were added to `dependencies`, the cycle it would close (starting and
/// ending at `before`), or `None`.
pub fn cycle_with<Id: Copy + Eq + Hash>(
    dependencies: &[Dependency<Id>],
    before: Id,
    after: Id,
) -> Option<Vec<Id>> {
    if before == after {
        return Some(vec![before, before]);
    }
    let mut successors: HashMap<Id, Vec<Id>> = HashMap::new();
    for d in dependencies {
        successors.entry(d.before).or_default().push(d.after);
    }
    // A path after → … → before closes the cycle; breadth first finds the shortest.
    let mut came_from: HashMap<Id, Id> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([after]);
    while let Some(node) = queue.pop_front() {
        if node == before {
            let mut path = vec![before];
            let mut cur = before;
            while cur != after {
                cur = came_from[&cur];
                path.push(cur);
            }
            path.push(before);
            path.reverse();
            // before → after → … → before
            return Some(path);
        }
        for next in successors.get(&node).into_iter().flatten() {
            if *next != after && !came_from.contains_key(next) {
                came_from.insert(*next, node);
                queue.push_back(*next);
            }
        }
    }
    None
}

/// Computes the schedule.
pub fn schedule<Id>(
    tasks: &[TaskInput<Id>],
    dependencies: &[Dependency<Id>],
    calendar: Calendar,
) -> Result<Schedule<Id>, ScheduleError<Id>>
where
    Id: Copy + Eq + Hash + Ord + std::fmt::Debug,
{
    let n = tasks.len();
    let index: HashMap<Id, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for d in dependencies {
        let b = *index
            .get(&d.before)
            .ok_or(ScheduleError::UnknownTask(d.before))?;
        let a = *index
            .get(&d.after)
            .ok_or(ScheduleError::UnknownTask(d.after))?;
        successors[b].push(a);
        predecessors[a].push(b);
    }
    // Kahn's algorithm; what is left over sits on or behind a cycle.
    let mut indegree: Vec<usize> = predecessors.iter().map(Vec::len).collect();
    let mut order: Vec<usize> = (0..n).filter(|i| indegree[*i] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let t = order[head];
        head += 1;
        for &s in &successors[t] {
            indegree[s] -= 1;
            if indegree[s] == 0 {
                order.push(s);
            }
        }
    }
    if order.len() < n {
        return Err(ScheduleError::Cycle(find_cycle(
            tasks,
            &predecessors,
            &indegree,
        )));
    }
    let duration: Vec<i64> = tasks.iter().map(|t| t.duration_minutes.max(0)).collect();
    let mut es = vec![0i64; n];
    for &t in &order {
        let start = predecessors[t]
            .iter()
            .map(|&p| es[p].saturating_add(duration[p]))
            .max()
            .unwrap_or(0);
        es[t] = start;
    }
    let ef: Vec<i64> = (0..n).map(|t| es[t].saturating_add(duration[t])).collect();
    let project_minutes = ef.iter().copied().max().unwrap_or(0);
    let mut lf = vec![project_minutes; n];
    for &t in order.iter().rev() {
        if let Some(min) = successors[t].iter().map(|&s| lf[s] - duration[s]).min() {
            lf[t] = min;
        }
    }
    let day_minutes = i64::from(calendar.hours_per_day.max(1)) * 60;
    // A start at minute m falls on working day m / day; a finish at minute m (> 0) ends
    // on the day that contains minute m - 1.
    let start_date = |m: i64| working_day(calendar.start, m / day_minutes);
    let finish_date = |m: i64| working_day(calendar.start, (m - 1).max(0) / day_minutes);
    let out: Vec<TaskSchedule<Id>> = (0..n)
        .map(|t| {
            let ls = lf[t] - duration[t];
            let earliest_finish_date = finish_date(ef[t]);
            TaskSchedule {
                id: tasks[t].id,
                earliest_start: es[t],
                earliest_finish: ef[t],
                latest_start: ls,
                latest_finish: lf[t],
                slack: ls - es[t],
                critical: ls == es[t],
                earliest_start_date: start_date(es[t]),
                earliest_finish_date,
                latest_start_date: start_date(ls),
                latest_finish_date: finish_date(lf[t]),
                cannot_make_it: tasks[t]
                    .due_date
                    .is_some_and(|due| due < earliest_finish_date),
            }
        })
        .collect();
    // One critical chain: from the critical start task with the smallest id, always to the
    // critical successor that starts when it finishes (smallest id first).
    let mut critical_path = Vec::new();
    let mut current = (0..n)
        .filter(|&t| out[t].critical && es[t] == 0)
        .min_by_key(|&t| tasks[t].id);
    while let Some(t) = current {
        critical_path.push(tasks[t].id);
        current = successors[t]
            .iter()
            .copied()
            .filter(|&s| out[s].critical && es[s] == ef[t])
            .min_by_key(|&s| tasks[s].id);
    }
    Ok(Schedule {
        tasks: out,
        critical_path,
        project_minutes,
        project_finish_date: finish_date(project_minutes),
    })
}

/// A cycle among the tasks Kahn's algorithm could not order (`indegree > 0`). Each of them
/// still has an unordered predecessor, so walking predecessors must repeat a task; the walk
/// is then reversed into dependency order.
fn find_cycle<Id: Copy + Ord>(
    tasks: &[TaskInput<Id>],
    predecessors: &[Vec<usize>],
    indegree: &[usize],
) -> Vec<Id> {
    let Some(first) = (0..tasks.len())
        .filter(|&i| indegree[i] > 0)
        .min_by_key(|&i| tasks[i].id)
    else {
        return Vec::new();
    };
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    let mut path: Vec<usize> = Vec::new();
    let mut cur = first;
    loop {
        if let Some(&at) = seen.get(&cur) {
            let mut cycle: Vec<Id> = path[at..].iter().map(|&i| tasks[i].id).collect();
            cycle.push(tasks[cur].id);
            cycle.reverse();
            return cycle;
        }
        seen.insert(cur, path.len());
        path.push(cur);
        match predecessors[cur].iter().copied().find(|&p| indegree[p] > 0) {
            Some(previous) => cur = previous,
            // Cannot happen (see above); answer what was walked rather than nothing.
            None => return path.iter().rev().map(|&i| tasks[i].id).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn absurd_durations_saturate_instead_of_overflowing() {
        assert_eq!(
            working_day(date("2027-03-01"), i64::MAX / 2),
            NaiveDate::MAX
        );
        let tasks: Vec<TaskInput<u32>> = (0..3)
            .map(|id| TaskInput {
                id,
                duration_minutes: i64::MAX / 8,
                due_date: None,
            })
            .collect();
        let deps = [
            Dependency {
                before: 0,
                after: 1,
            },
            Dependency {
                before: 1,
                after: 2,
            },
        ];
        let s = schedule(&tasks, &deps, cal()).unwrap();
        assert_eq!(s.project_finish_date, NaiveDate::MAX);
    }

    fn cal() -> Calendar {
        Calendar {
            start: date("2027-03-01"), // a Monday
            hours_per_day: 8,
        }
    }

    fn t(id: u32, hours: i64) -> TaskInput<u32> {
        TaskInput {
            id,
            duration_minutes: hours * 60,
            due_date: None,
        }
    }

    fn dep(before: u32, after: u32) -> Dependency<u32> {
        Dependency { before, after }
    }

    #[test]
    fn working_days_skip_weekends() {
        assert_eq!(working_day(date("2027-03-01"), 0), date("2027-03-01"));
        assert_eq!(working_day(date("2027-03-01"), 4), date("2027-03-05"));
        assert_eq!(working_day(date("2027-03-01"), 5), date("2027-03-08"));
        assert_eq!(working_day(date("2027-03-05"), 1), date("2027-03-08"));
        assert_eq!(working_day(date("2027-03-06"), 0), date("2027-03-08"));
        assert_eq!(working_day(date("2027-03-01"), 12), date("2027-03-17"));
    }

    /// The textbook network (durations in days): A(3) → B(4), A → C(2), B → D(5),
    /// C → D, D → E(2), C → F(3), F → E. Critical path A-B-D-E, 14 days. C: ES 3,
    /// LF = min(LS of D = 7, LS of F = 9) = 7, so LS 5 and slack 2; F: ES 5, LF 12, slack 4.
    #[test]
    fn textbook_network() {
        let tasks = [t(1, 24), t(2, 32), t(3, 16), t(4, 40), t(5, 16), t(6, 24)];
        let deps = [
            dep(1, 2),
            dep(1, 3),
            dep(2, 4),
            dep(3, 4),
            dep(4, 5),
            dep(3, 6),
            dep(6, 5),
        ];
        let s = schedule(&tasks, &deps, cal()).unwrap();
        let day = 8 * 60;
        assert_eq!(s.project_minutes, 14 * day);
        assert_eq!(s.critical_path, [1, 2, 4, 5]);
        let slack: Vec<i64> = s.tasks.iter().map(|t| t.slack / day).collect();
        assert_eq!(slack, [0, 0, 2, 0, 0, 4]);
        let c = &s.tasks[2];
        assert_eq!((c.earliest_start / day, c.latest_start / day), (3, 5));
        // 14 working days from Monday 1 March end on Thursday 18 March.
        assert_eq!(s.project_finish_date, date("2027-03-18"));
        assert_eq!(s.tasks[0].earliest_finish_date, date("2027-03-03"));
        assert_eq!(s.tasks[1].earliest_start_date, date("2027-03-04"));
    }

    #[test]
    fn due_dates_that_cannot_be_made() {
        let mut late = t(2, 16);
        late.due_date = Some(date("2027-03-02"));
        let mut fine = t(3, 8);
        fine.due_date = Some(date("2027-03-02"));
        let s = schedule(&[t(1, 8), late, fine], &[dep(1, 2)], cal()).unwrap();
        // Task 2 starts on day 2 and takes two days: finishes Wednesday 3 March.
        assert!(s.tasks[1].cannot_make_it);
        assert_eq!(s.tasks[1].earliest_finish_date, date("2027-03-03"));
        assert!(!s.tasks[2].cannot_make_it);
    }

    #[test]
    fn cycles_are_named() {
        // self
        assert_eq!(cycle_with::<u32>(&[], 1, 1), Some(vec![1, 1]));
        // direct
        assert_eq!(cycle_with(&[dep(1, 2)], 2, 1), Some(vec![2, 1, 2]));
        // long
        let chain: Vec<_> = (1..10).map(|i| dep(i, i + 1)).collect();
        let cycle = cycle_with(&chain, 10, 1).unwrap();
        assert_eq!(cycle, [10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(cycle_with(&chain, 1, 10), None);
        // schedule refuses a cyclic network and names the cycle
        let err = schedule(
            &[t(1, 1), t(2, 1), t(3, 1)],
            &[dep(1, 2), dep(2, 3), dep(3, 2)],
            cal(),
        )
        .unwrap_err();
        assert_eq!(err, ScheduleError::Cycle(vec![2, 3, 2]));
        // A task downstream of a cycle does not hide it: 4 → 5 → 6 → 4, then 6 → 7.
        let tasks: Vec<_> = (4..8).map(|i| t(i, 1)).collect();
        let err =
            schedule(&tasks, &[dep(4, 5), dep(5, 6), dep(6, 4), dep(6, 7)], cal()).unwrap_err();
        assert_eq!(err, ScheduleError::Cycle(vec![4, 5, 6, 4]));
        assert_eq!(
            schedule(&[t(1, 1)], &[dep(1, 9)], cal()).unwrap_err(),
            ScheduleError::UnknownTask(9)
        );
    }

    /// A random DAG: edges only from lower to higher index.
    fn dag() -> impl Strategy<Value = (Vec<i64>, Vec<(usize, usize)>)> {
        (1usize..40).prop_flat_map(|n| {
            (
                proptest::collection::vec(0i64..5_000, n),
                proptest::collection::vec((0..n, 0..n), 0..(n * 2)),
            )
        })
    }

    fn build(
        durations: &[i64],
        edges: &[(usize, usize)],
    ) -> (Vec<TaskInput<u32>>, Vec<Dependency<u32>>) {
        let tasks = durations
            .iter()
            .enumerate()
            .map(|(i, d)| TaskInput {
                id: i as u32,
                duration_minutes: *d,
                due_date: None,
            })
            .collect();
        let mut deps: Vec<Dependency<u32>> = edges
            .iter()
            .filter(|(a, b)| a < b)
            .map(|(a, b)| dep(*a as u32, *b as u32))
            .collect();
        deps.dedup();
        (tasks, deps)
    }

    proptest! {
        #[test]
        fn slack_is_never_negative_and_the_critical_path_has_none((durations, edges) in dag()) {
            let (tasks, deps) = build(&durations, &edges);
            let s = schedule(&tasks, &deps, cal()).unwrap();
            for t in &s.tasks {
                prop_assert!(t.slack >= 0);
                prop_assert!(t.earliest_finish <= s.project_minutes);
                prop_assert_eq!(t.critical, t.slack == 0);
            }
            // The critical path is a chain of zero-slack tasks that ends with the project.
            let by_id: HashMap<u32, &TaskSchedule<u32>> = s.tasks.iter().map(|t| (t.id, t)).collect();
            prop_assert!(!s.critical_path.is_empty());
            for id in &s.critical_path {
                prop_assert_eq!(by_id[id].slack, 0);
            }
            prop_assert_eq!(by_id[&s.critical_path[0]].earliest_start, 0);
            for pair in s.critical_path.windows(2) {
                prop_assert_eq!(by_id[&pair[0]].earliest_finish, by_id[&pair[1]].earliest_start);
            }
        }

        #[test]
        fn adding_a_dependency_never_shortens_the_project(
            (durations, edges) in dag(),
            extra in (any::<usize>(), any::<usize>()),
        ) {
            let (tasks, deps) = build(&durations, &edges);
            let before = schedule(&tasks, &deps, cal()).unwrap().project_minutes;
            let n = tasks.len();
            let (a, b) = (extra.0 % n, extra.1 % n);
            if a < b {
                let mut more = deps.clone();
                more.push(dep(a as u32, b as u32));
                let after = schedule(&tasks, &more, cal()).unwrap().project_minutes;
                prop_assert!(after >= before);
            }
        }

        #[test]
        fn a_closing_edge_is_always_reported_as_a_cycle((durations, edges) in dag(), pick in any::<usize>()) {
            let (tasks, deps) = build(&durations, &edges);
            if let Some(d) = deps.get(pick % deps.len().max(1)) {
                // The reverse of an existing edge always closes a cycle.
                let cycle = cycle_with(&deps, d.after, d.before).unwrap();
                prop_assert_eq!(cycle.first(), cycle.last());
                let mut more = deps.clone();
                more.push(dep(d.after, d.before));
                let is_cycle = matches!(schedule(&tasks, &more, cal()), Err(ScheduleError::Cycle(_)));
                prop_assert!(is_cycle);
            }
        }
    }
}
