//! The names a user writes in our attributes, and how each key is written in
//! messages. They sit below both `attr` (which reads them) and `rules` (whose
//! messages quote them), so that neither has to reach up into the other.

/// The helper attribute on fields and variants: `#[tc(rename = "...")]`.
pub(crate) const TC: &str = "tc";
/// serde's attribute, written out of habit: the attributes write the wire form
/// themselves, so it is refused with the `#[tc(...)]` form that does the job.
pub(crate) const SERDE: &str = "serde";

/// `#[tc_action]` arguments.
pub(crate) const SERVICE: &str = "service";
pub(crate) const VERSION: &str = "version";
pub(crate) const NAME: &str = "name";
pub(crate) const OUTPUT: &str = "output";
pub(crate) const ERROR: &str = "error";
pub(crate) const METHOD: &str = "method";
pub(crate) const RATE_LIMIT: &str = "rate_limit";
/// Accepted by all three attributes.
pub(crate) const CRATE: &str = "crate";
/// `#[tc(...)]` on a field.
pub(crate) const RENAME: &str = "rename";
/// `#[tc(sensitive)]` on a field: its value prints masked in `Debug`.
pub(crate) const SENSITIVE: &str = "sensitive";
/// `#[tc(...)]` on a variant.
pub(crate) const CODE: &str = "code";

pub(crate) const ACTION_KEYS: &[&str] = &[
    SERVICE, VERSION, NAME, OUTPUT, ERROR, METHOD, RATE_LIMIT, PAGINATE, CRATE,
];
pub(crate) const CRATE_KEYS: &[&str] = &[CRATE];
pub(crate) const FIELD_KEYS: &[&str] = &[RENAME, SENSITIVE];
pub(crate) const VARIANT_KEYS: &[&str] = &[CODE];

/// How each key is written, for messages.
pub(crate) const SERVICE_EXAMPLE: &str = r#"service = "cvm""#;
pub(crate) const VERSION_EXAMPLE: &str = r#"version = "2017-03-12""#;
pub(crate) const NAME_EXAMPLE: &str = r#"name = "DescribeInstances""#;
pub(crate) const OUTPUT_EXAMPLE: &str = "output = DescribeInstancesResponse";
pub(crate) const ERROR_EXAMPLE: &str = "error = DescribeInstancesError";
pub(crate) const METHOD_EXAMPLE: &str = r#"method = "GET""#;
pub(crate) const RATE_LIMIT_EXAMPLE: &str = "rate_limit = 20";
pub(crate) const CRATE_EXAMPLE: &str = r#"crate = "tc_core""#;
pub(crate) const RENAME_EXAMPLE: &str = r#"rename = "CAMRoleName""#;
pub(crate) const CODE_EXAMPLE: &str = r#"code = "InvalidImageId.NotFound""#;

/// `paginate(...)` in `#[tc_action]`, and its keys: one cursor (`offset`,
/// `page` or `token`), the page size, the answer's list, its element type,
/// the total and the next token.
pub(crate) const PAGINATE: &str = "paginate";
pub(crate) const OFFSET: &str = "offset";
pub(crate) const PAGE: &str = "page";
pub(crate) const TOKEN: &str = "token";
pub(crate) const LIMIT: &str = "limit";
pub(crate) const ITEMS: &str = "items";
pub(crate) const ITEM: &str = "item";
pub(crate) const TOTAL: &str = "total";
pub(crate) const NEXT: &str = "next";
pub(crate) const PAGINATE_KEYS: &[&str] = &[OFFSET, PAGE, TOKEN, LIMIT, ITEMS, ITEM, TOTAL, NEXT];
pub(crate) const PAGINATE_EXAMPLE: &str = "paginate(offset = offset, limit = limit, \
     items = instance_set, item = Instance, total = total_count)";
