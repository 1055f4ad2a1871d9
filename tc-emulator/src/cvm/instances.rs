//! CVM instances that change state over time, as the service's do:
//! `RunInstances` creates them `PENDING` and they turn `RUNNING` after the
//! launch time; `StopInstances` takes a running one through `STOPPING` to
//! `STOPPED`, `StartInstances` back through `STARTING`; `TerminateInstances`
//! shows `TERMINATING` and then the instance is gone. `DescribeInstances`
//! lists them oldest first, by `InstanceIds` or all, a page at a time with
//! `Offset`/`Limit` (at most 100) and the `TotalCount` of the whole list.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tc_mock::{MockError, MockServer};
use tc_sign::time::{unix_now, utc_iso8601};

use super::wire::{
    CvmCode, DescribeInstances, DescribeInstancesResponse, Done, Instance, Placement, RunInstances,
    RunInstancesResponse, StartInstances, StopInstances, TerminateInstances,
};

/// How long each transition takes.
#[derive(Clone, Copy, Debug)]
pub struct InstanceTimings {
    /// `PENDING` to `RUNNING`.
    pub launch: Duration,
    /// `STOPPING` to `STOPPED`, and `STARTING` to `RUNNING`.
    pub stop: Duration,
    /// `TERMINATING` to gone.
    pub terminate: Duration,
}

impl Default for InstanceTimings {
    fn default() -> Self {
        InstanceTimings {
            launch: Duration::from_secs(2),
            stop: Duration::from_secs(1),
            terminate: Duration::from_secs(1),
        }
    }
}

impl InstanceTimings {
    /// The same time for every transition.
    pub fn all(time: Duration) -> Self {
        InstanceTimings {
            launch: time,
            stop: time,
            terminate: time,
        }
    }
}

/// The most instances `DescribeInstances` returns at once, as the service says.
const MAX_LIMIT: i64 = 100;
/// Its page size when the request gives none.
const DEFAULT_LIMIT: i64 = 20;

/// The instances of one account, served by a [`MockServer`].
#[derive(Debug)]
pub struct Instances {
    timings: InstanceTimings,
    state: Mutex<Vec<Record>>,
}

#[derive(Debug)]
struct Record {
    instance: Instance,
    /// The state it is in until `until`, then `next` (`None`: gone).
    now: &'static str,
    next: Option<&'static str>,
    until: Instant,
}

impl Record {
    /// Moves the record on to where the clock says it is; `false` once gone.
    fn settle(&mut self, at: Instant) -> bool {
        if at >= self.until {
            match self.next.take() {
                Some(next) => self.now = next,
                None if self.now == "TERMINATING" => return false,
                None => {}
            }
        }
        self.instance.instance_state = self.now.to_owned();
        true
    }

    fn change(&mut self, now: &'static str, next: Option<&'static str>, after: Duration) {
        self.now = now;
        self.next = next;
        self.until = Instant::now() + after;
        self.instance.instance_state = now.to_owned();
    }
}

impl Default for Instances {
    fn default() -> Self {
        Instances::new(InstanceTimings::default())
    }
}

impl Instances {
    /// No instances yet, with these transition times.
    pub fn new(timings: InstanceTimings) -> Self {
        Instances {
            timings,
            state: Mutex::new(Vec::new()),
        }
    }

    /// Adds `count` instances that are already `RUNNING` (for listing tests),
    /// and returns their ids.
    pub fn seed_running(&self, count: usize) -> Vec<String> {
        let mut records = self.lock();
        (0..count)
            .map(|i| {
                let mut record = new_record(
                    &format!("seeded-{i}"),
                    "S5.SMALL1",
                    "ap-guangzhou-6",
                    "img-6pb6lrmy",
                );
                record.change("RUNNING", None, Duration::ZERO);
                let id = record.instance.instance_id.clone();
                records.push(record);
                id
            })
            .collect()
    }

    /// Serves `RunInstances`, `DescribeInstances`, `StartInstances`,
    /// `StopInstances` and `TerminateInstances` from this state on `mock`.
    pub fn install(self: &Arc<Self>, mock: &MockServer) {
        let me = Arc::clone(self);
        mock.on(move |req: RunInstances| Ok(me.run(&req)));
        let me = Arc::clone(self);
        mock.on(move |req: DescribeInstances| me.describe(&req));
        let me = Arc::clone(self);
        mock.on(move |req: StartInstances| {
            me.transition(&req.instance_ids, "STOPPED", ("STARTING", "RUNNING"))
                .map(|()| Done {})
        });
        let me = Arc::clone(self);
        mock.on(move |req: StopInstances| {
            me.transition(&req.instance_ids, "RUNNING", ("STOPPING", "STOPPED"))
                .map(|()| Done {})
        });
        let me = Arc::clone(self);
        mock.on(move |req: TerminateInstances| me.terminate(&req.instance_ids).map(|()| Done {}));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Record>> {
        let mut records = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        records.retain_mut(|r| r.settle(now));
        records
    }

    fn run(&self, req: &RunInstances) -> RunInstancesResponse {
        let count = req.instance_count.unwrap_or(1).clamp(1, 100);
        let zone = req
            .placement
            .as_ref()
            .map_or("ap-guangzhou-6", |p| p.zone.as_str());
        let name = req.instance_name.as_deref().unwrap_or("unnamed");
        let mut records = self.lock();
        let ids = (0..count)
            .map(|_| {
                let mut record = new_record(
                    name,
                    req.instance_type.as_deref().unwrap_or("S5.SMALL1"),
                    zone,
                    req.image_id.as_deref().unwrap_or("img-6pb6lrmy"),
                );
                record.change("PENDING", Some("RUNNING"), self.timings.launch);
                let id = record.instance.instance_id.clone();
                records.push(record);
                id
            })
            .collect();
        RunInstancesResponse {
            instance_id_set: ids,
        }
    }

    fn describe(&self, req: &DescribeInstances) -> Result<DescribeInstancesResponse, MockError> {
        let offset = usize::try_from(req.offset.unwrap_or(0)).map_err(|_| {
            MockError::code(
                CvmCode::InvalidParameterValueLimitExceeded,
                "Offset must not be negative.",
            )
        })?;
        let limit = req.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(MockError::code(
                CvmCode::InvalidParameterValueLimitExceeded,
                format!("Limit must be between 1 and {MAX_LIMIT}, not {limit}."),
            ));
        }
        let records = self.lock();
        let wanted = |r: &&Record| {
            req.instance_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&r.instance.instance_id))
        };
        let matching: Vec<&Record> = records.iter().filter(wanted).collect();
        let page = matching
            .iter()
            .skip(offset)
            .take(usize::try_from(limit).unwrap_or(0))
            .map(|r| r.instance.clone())
            .collect();
        Ok(DescribeInstancesResponse {
            total_count: i64::try_from(matching.len()).unwrap_or(i64::MAX),
            instance_set: page,
        })
    }

    /// Moves every instance of `ids`, which must all be `from`, through
    /// `(during, then)`.
    fn transition(
        &self,
        ids: &[String],
        from: &str,
        (during, then): (&'static str, &'static str),
    ) -> Result<(), MockError> {
        let mut records = self.lock();
        check_all(&records, ids, |state| {
            (state != from).then(|| unsupported_state(state))
        })?;
        for record in records
            .iter_mut()
            .filter(|r| ids.contains(&r.instance.instance_id))
        {
            record.change(during, Some(then), self.timings.stop);
        }
        Ok(())
    }

    fn terminate(&self, ids: &[String]) -> Result<(), MockError> {
        let mut records = self.lock();
        check_all(&records, ids, |state| {
            matches!(state, "PENDING" | "TERMINATING").then(|| unsupported_state(state))
        })?;
        for record in records
            .iter_mut()
            .filter(|r| ids.contains(&r.instance.instance_id))
        {
            record.change("TERMINATING", None, self.timings.terminate);
        }
        Ok(())
    }
}

/// Every id must name an instance, and `refuse` must accept its state.
fn check_all(
    records: &[Record],
    ids: &[String],
    refuse: impl Fn(&str) -> Option<MockError>,
) -> Result<(), MockError> {
    for id in ids {
        let Some(record) = records.iter().find(|r| &r.instance.instance_id == id) else {
            return Err(MockError::code(
                CvmCode::InvalidInstanceIdNotFound,
                format!("The instance `{id}` does not exist."),
            ));
        };
        if let Some(error) = refuse(record.now) {
            return Err(error);
        }
    }
    Ok(())
}

/// The service's code for an action an instance's state does not allow
/// (`UnsupportedOperation.InstanceStateStopped`, ...).
fn unsupported_state(state: &str) -> MockError {
    let words: String = state
        .split('_')
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    MockError::new(
        format!("UnsupportedOperation.InstanceState{words}"),
        format!("The instance is {state}, which does not allow this operation."),
    )
}

fn new_record(name: &str, instance_type: &str, zone: &str, image: &str) -> Record {
    let id = format!("ins-{}", &tc_mock::request_id().replace('-', "")[..8]);
    Record {
        instance: Instance {
            instance_id: id,
            instance_name: name.to_owned(),
            instance_type: instance_type.to_owned(),
            image_id: image.to_owned(),
            placement: Placement {
                zone: zone.to_owned(),
            },
            instance_charge_type: "POSTPAID_BY_HOUR".to_owned(),
            created_time: utc_iso8601(unix_now()),
            cpu: 1,
            memory: 1,
            instance_state: "PENDING".to_owned(),
        },
        now: "PENDING",
        next: None,
        until: Instant::now(),
    }
}
