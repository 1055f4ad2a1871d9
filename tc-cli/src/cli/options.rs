//! The options every action takes besides its parameters, in one table: the
//! parser, the help text and the shell completions all read it.

/// One option: `--name VALUE`, or a switch.
pub(crate) struct GlobalOption {
    pub name: &'static str,
    /// What the value is, for the help; `None` for a switch.
    pub value: Option<&'static str>,
    pub help: &'static str,
}

const fn value(name: &'static str, value: &'static str, help: &'static str) -> GlobalOption {
    GlobalOption {
        name,
        value: Some(value),
        help,
    }
}

const fn switch(name: &'static str, help: &'static str) -> GlobalOption {
    GlobalOption {
        name,
        value: None,
        help,
    }
}

/// Every option an action takes besides its parameters.
pub(crate) const GLOBAL_OPTIONS: &[GlobalOption] = &[
    value(
        "region",
        "REGION",
        "the region (else TENCENTCLOUD_REGION, else the profile's)",
    ),
    value(
        "endpoint",
        "URL",
        "the endpoint: a host name (https) or a URL",
    ),
    value(
        "profile",
        "NAME",
        "the tccli profile (else TCCLI_PROFILE, else `default`)",
    ),
    value("secretId", "ID", "the secret id (with --secretKey)"),
    value("secretKey", "KEY", "the secret key (with --secretId)"),
    value(
        "token",
        "TOKEN",
        "the session token of temporary credentials",
    ),
    value(
        "version",
        "VERSION",
        "the API version (else the profile's, else the primary one)",
    ),
    value("timeout", "SECONDS", "each attempt's time limit"),
    value(
        "language",
        "LANG",
        "the language of error messages: zh-CN or en-US",
    ),
    value("output", "FORMAT", "json (default), text or table"),
    value(
        "filter",
        "JMESPATH",
        "print only what this JMESPath expression selects",
    ),
    value(
        "waiter",
        "JSON",
        r#"repeat the call until {"expr": JMESPATH, "to": VALUE} holds ("timeout" s, default 180; "interval" s, default 5)"#,
    ),
    value(
        "cli-input-json",
        "JSON",
        "the parameters as JSON, or file://PATH",
    ),
    switch(
        "generate-cli-skeleton",
        "print the action's parameters as a JSON template",
    ),
    switch(
        "cli-unfold-argument",
        "take structured parameters unfolded: --Filters.0.Name zone",
    ),
    switch(
        "all-pages",
        "follow a list action's pages and print the merged list",
    ),
];

/// The option named `name`, if it is one.
pub(crate) fn find(name: &str) -> Option<&'static GlobalOption> {
    GLOBAL_OPTIONS.iter().find(|o| o.name == name)
}
