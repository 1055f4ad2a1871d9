//! `--filter` and `--waiter`'s `expr`: JMESPath, through the `jmespath` crate.

use serde_json::Value;

/// A compiled JMESPath expression.
pub(crate) struct Filter(jmespath::Expression<'static>);

impl Filter {
    /// Compiles `expr`; a syntax error names the expression.
    pub(crate) fn new(expr: &str) -> Result<Filter, String> {
        jmespath::compile(expr)
            .map(Filter)
            .map_err(|e| format!("`{expr}` is not a JMESPath expression: {e}"))
    }

    /// What the expression selects from `value` (`null` when nothing).
    pub(crate) fn apply(&self, value: &Value) -> Result<Value, String> {
        let data = jmespath::Variable::from_serializable(value)
            .map_err(|e| format!("cannot search the answer: {e}"))?;
        let found = self
            .0
            .search(data)
            .map_err(|e| format!("the expression failed: {e}"))?;
        serde_json::to_value(&*found).map_err(|e| format!("cannot print the selection: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn search(expr: &str, value: &Value) -> Result<Value, String> {
        Filter::new(expr)?.apply(value)
    }

    #[test]
    fn selects_and_reports_bad_expressions() {
        let answer = json!({"Set": [{"Id": "a", "N": 1}, {"Id": "b", "N": 2}]});
        assert_eq!(search("Set[?N > `1`].Id", &answer).unwrap(), json!(["b"]));
        assert_eq!(search("Missing", &answer).unwrap(), Value::Null);
        assert!(Filter::new("Set[").err().unwrap().contains("`Set[`"));
    }
}
