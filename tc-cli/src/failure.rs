//! How a command fails, and the exit code each way gets: 1 for an error the
//! API answered, 2 for anything else (as the SDK's examples do).

use std::fmt;
use std::process::ExitCode;

/// Why a command did not succeed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The service answered with an error envelope: printed as
    /// `Code: Message (RequestId: ...)`, exit 1.
    Api(tc_core::Error),
    /// Anything else (bad arguments, configuration, network): exit 2.
    Other(String),
}

impl Failure {
    /// The process's exit code for this failure.
    pub(crate) fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Api(_) => ExitCode::from(1),
            Failure::Other(_) => ExitCode::from(2),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Api(error) => write!(f, "{error}"),
            Failure::Other(message) => write!(f, "error: {message}"),
        }
    }
}

impl From<tc_core::Error> for Failure {
    fn from(error: tc_core::Error) -> Self {
        match error {
            tc_core::Error::Service(_) => Failure::Api(error),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Other(message)
    }
}
