//! The `tc` binary run against a local endpoint (tc-mock, in this process,
//! over loopback HTTP with real signatures), with a home directory of its
//! own and none of the caller's Tencent Cloud variables.

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tc_emulator::cvm::ImageSharing;
use tc_mock::MockServer;

pub(crate) const SECRET_ID: &str = "AKIDcliTestKey0001";
pub(crate) const SECRET_KEY: &str = "cli-test-secret-key-0001";

/// A running endpoint with the seed's images, and the runtime it runs on.
pub(crate) struct Endpoint {
    pub(crate) mock: MockServer,
    _runtime: tokio::runtime::Runtime,
}

impl Endpoint {
    pub(crate) fn start() -> Endpoint {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let mock = runtime
            .block_on(
                MockServer::builder()
                    .credential(SECRET_ID, SECRET_KEY)
                    .start(),
            )
            .unwrap();
        Arc::new(ImageSharing::seeded()).install(&mock);
        Endpoint {
            mock,
            _runtime: runtime,
        }
    }

    pub(crate) fn url(&self) -> String {
        self.mock.endpoint()
    }

    /// Answers `action` of cvm 2017-03-12 with `answer(params, n)` (n counts
    /// from 0) and records every parameters object it receives.
    pub(crate) fn record(
        &self,
        action: &'static str,
        answer: impl Fn(&Value, usize) -> Value + Send + Sync + 'static,
    ) -> Arc<Mutex<Vec<Value>>> {
        self.record_at(("cvm", "2017-03-12", action), answer)
    }

    /// As [`record`](Self::record), for (service, version, action).
    pub(crate) fn record_at(
        &self,
        (service, version, action): (&'static str, &'static str, &'static str),
        answer: impl Fn(&Value, usize) -> Value + Send + Sync + 'static,
    ) -> Arc<Mutex<Vec<Value>>> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        self.mock.on_json(service, version, action, move |params| {
            let mut log = log.lock().unwrap();
            let out = answer(&params, log.len());
            log.push(params);
            Ok(out)
        });
        seen
    }
}

/// A scratch home directory, removed when dropped.
pub(crate) struct Home(pub(crate) PathBuf);

impl Home {
    pub(crate) fn new(name: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("tc-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Home(dir)
    }

    /// Writes `~/.tccli/<file>`.
    pub(crate) fn tccli(&self, file: &str, text: &str) {
        let dir = self.0.join(".tccli");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Runs `command` to its end.
    pub(crate) fn of(mut command: Command) -> Run {
        let out = command.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
}

/// Runs `tc` with `args`, `home` as its HOME, and no Tencent Cloud variables
/// from the caller.
pub(crate) fn tc(home: &Path, args: &[&str]) -> Run {
    tc_with_env(home, args, &[])
}

/// As [`tc`], with `env` set.
pub(crate) fn tc_with_env(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tc"));
    command.args(args).env("HOME", home);
    for (name, _) in std::env::vars() {
        if name.starts_with("TENCENTCLOUD_") || name.starts_with("TKE_") || name == "TCCLI_PROFILE"
        {
            command.env_remove(name);
        }
    }
    // Never the real metadata service.
    command.env("TENCENTCLOUD_METADATA_ENDPOINT", "http://127.0.0.1:9");
    command.envs(env.iter().copied());
    Run::of(command)
}

/// `--endpoint URL --secretId ID --secretKey KEY --region ap-guangzhou`.
pub(crate) fn target(url: &str) -> [&str; 8] {
    [
        "--endpoint",
        url,
        "--secretId",
        SECRET_ID,
        "--secretKey",
        SECRET_KEY,
        "--region",
        "ap-guangzhou",
    ]
}

/// An endpoint and a home directory for one test.
pub(crate) struct Session {
    pub(crate) endpoint: Endpoint,
    pub(crate) home: Home,
}

impl Session {
    pub(crate) fn start(name: &str) -> Session {
        Session {
            endpoint: Endpoint::start(),
            home: Home::new(name),
        }
    }

    /// Runs `tc args --endpoint URL --secretId ID --secretKey KEY --region
    /// ap-guangzhou`.
    pub(crate) fn call(&self, args: &[&str]) -> Run {
        let url = self.endpoint.url();
        let all: Vec<&str> = args.iter().chain(&target(&url)).copied().collect();
        tc(&self.home.0, &all)
    }
}
