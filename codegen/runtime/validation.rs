//! Errors found before a request is sent.

use std::fmt;

/// A request parameter that breaks a rule of the API description; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The parameter's wire name, with the position inside it when nested
    /// (for example `search[0].values[1]`).
    pub param: String,
    /// The offending value as text (empty when the value is missing).
    pub value: String,
    /// The rule the value breaks.
    pub rule: Rule,
}

/// A rule from the API description that a parameter value must follow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required parameter was not given.
    Required,
    /// The number is below its minimum.
    Minimum(String),
    /// The number is above its maximum.
    Maximum(String),
    /// The text has fewer characters than allowed.
    MinLength(u64),
    /// The text has more characters than allowed.
    MaxLength(u64),
    /// A number that is NaN or infinite, which no query string can carry.
    Finite,
    /// A date-time RFC 3339 cannot express: a year outside 0..=9999 or an
    /// offset with seconds.
    DateTime,
    /// A path segment that is empty, `.` or `..`, which would change the path.
    PathSegment,
    /// A header value holding a character a header cannot carry (a line
    /// break, another control character, or one outside ASCII).
    HeaderValue,
}

impl ValidationError {
    /// A new error for `param` holding `value` that breaks `rule`.
    pub fn new(param: impl Into<String>, value: impl fmt::Display, rule: Rule) -> Self {
        Self {
            param: param.into(),
            value: value.to_string(),
            rule,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (param, value) = (&self.param, &self.value);
        match &self.rule {
            Rule::Required => write!(f, "{param}: required parameter is missing"),
            Rule::Minimum(bound) => write!(f, "{param}: {value} is below the minimum {bound}"),
            Rule::Maximum(bound) => write!(f, "{param}: {value} is above the maximum {bound}"),
            Rule::MinLength(bound) => write!(
                f,
                "{param}: {value:?} is shorter than the minimum length {bound}"
            ),
            Rule::MaxLength(bound) => write!(
                f,
                "{param}: {value:?} is longer than the maximum length {bound}"
            ),
            Rule::Finite => write!(f, "{param}: {value} is not a finite number"),
            Rule::DateTime => write!(
                f,
                "{param}: {value} has no RFC 3339 form (year 0 to 9999, offset in whole minutes)"
            ),
            Rule::PathSegment => write!(
                f,
                "{param}: {value:?} cannot be a path segment (empty, \".\" and \"..\" are refused)"
            ),
            Rule::HeaderValue => write!(
                f,
                "{param}: {value:?} cannot be a header value (only visible ASCII, space and tab)"
            ),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks `value >= bound`, returning the broken rule.
pub fn check_minimum<T: PartialOrd + fmt::Display>(value: T, bound: T) -> Result<(), Rule> {
    if value >= bound {
        Ok(())
    } else {
        Err(Rule::Minimum(bound.to_string()))
    }
}

/// Checks `value <= bound`, returning the broken rule.
pub fn check_maximum<T: PartialOrd + fmt::Display>(value: T, bound: T) -> Result<(), Rule> {
    if value <= bound {
        Ok(())
    } else {
        Err(Rule::Maximum(bound.to_string()))
    }
}

/// Checks that the text has at least `bound` characters.
pub fn check_min_length(value: &str, bound: u64) -> Result<(), Rule> {
    if value.chars().count() as u64 >= bound {
        Ok(())
    } else {
        Err(Rule::MinLength(bound))
    }
}

/// Checks that the text has at most `bound` characters.
pub fn check_max_length(value: &str, bound: u64) -> Result<(), Rule> {
    if value.chars().count() as u64 <= bound {
        Ok(())
    } else {
        Err(Rule::MaxLength(bound))
    }
}

/// Checks that `value` can be sent as a header value as it is: visible
/// ASCII, space and tab, so no line break can start another header.
pub fn check_header_value(value: &str) -> Result<(), Rule> {
    if value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
        Ok(())
    } else {
        Err(Rule::HeaderValue)
    }
}

/// Checks that a number is neither NaN nor infinite.
pub fn check_finite(value: f64) -> Result<(), Rule> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(Rule::Finite)
    }
}

/// Checks that a date-time can be written as RFC 3339.
pub fn check_date_time(value: &time::OffsetDateTime) -> Result<(), Rule> {
    let mut buf = [0u8; 64];
    match super::query::rfc3339(value, &mut buf) {
        Some(_) => Ok(()),
        None => Err(Rule::DateTime),
    }
}
