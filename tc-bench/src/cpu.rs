//! CPU time used by this process (all threads, user and system), from
//! `/proc/self/stat`: a steadier measure of a client's cost per request than
//! throughput on a machine whose load varies.

use std::time::Duration;

/// Kernel clock ticks per second in `/proc` (`USER_HZ`, 100 on Linux).
const TICKS_PER_SEC: u64 = 100;

/// The CPU time this process has used so far; `None` where `/proc` is absent.
pub(crate) fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_stat(&stat)
}

/// `utime + stime` of a `/proc/<pid>/stat` line.
fn parse_stat(stat: &str) -> Option<Duration> {
    // The command name is in parentheses and may hold spaces: count fields
    // after the last `)`, where field 3 (`state`) comes first.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SEC,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_user_and_system_ticks() {
        let line = "4242 (tc bench (x)) S 1 2 3 4 5 6 7 8 9 10 150 50 0 0 20 0 3 0";
        assert_eq!(parse_stat(line), Some(Duration::from_secs(2)));
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn this_process_has_a_cpu_time() {
        if std::path::Path::new("/proc/self/stat").exists() {
            assert!(process_cpu_time().is_some());
        }
    }
}
