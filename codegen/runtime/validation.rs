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
    /// The number is not above its exclusive minimum.
    ExclusiveMinimum(String),
    /// The number is not below its exclusive maximum.
    ExclusiveMaximum(String),
    /// The number is not a whole multiple of this.
    MultipleOf(String),
    /// The text does not match this regular expression.
    Pattern(String),
    /// The text is not of this format (`uuid`, `uri`, `email`, `hostname`).
    Format(&'static str),
    /// The list has fewer items than allowed (the value is its length).
    MinItems(u64),
    /// The list has more items than allowed (the value is its length).
    MaxItems(u64),
    /// An item equals an earlier one (the value is its index).
    UniqueItems,
    /// A date `YYYY-MM-DD` cannot express: a year outside 0..=9999.
    Date,
    /// A header value holding a character a header cannot carry (a line
    /// break, another control character, or one outside ASCII).
    HeaderValue,
    /// A flag that may hold only this value (`true` or `false`).
    Const(bool),
    /// The value follows none of these rule sets, each in words
    /// (`at most 32 characters`, `a valid uuid`).
    AnyOf(&'static [&'static str]),
    /// None of these fields is set; at least one must be.
    AtLeastOneOf(&'static [&'static str]),
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

/// A check's outcome as an error naming `param` and `value`: generated code
/// calls this instead of a closure per check, which costs the compiler a
/// body each.
pub fn named(
    outcome: Result<(), Rule>,
    param: &str,
    value: impl fmt::Display,
) -> Result<(), ValidationError> {
    outcome.map_err(|rule| ValidationError::new(param, value, rule))
}

/// A required parameter's value, or the error that it is missing.
pub fn required<T>(value: Option<T>, param: &str) -> Result<T, ValidationError> {
    value.ok_or_else(|| ValidationError::new(param, "", Rule::Required))
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
            Rule::ExclusiveMinimum(bound) => {
                write!(f, "{param}: {value} is not above the exclusive minimum {bound}")
            }
            Rule::ExclusiveMaximum(bound) => {
                write!(f, "{param}: {value} is not below the exclusive maximum {bound}")
            }
            Rule::MultipleOf(bound) => write!(f, "{param}: {value} is not a multiple of {bound}"),
            Rule::Pattern(pattern) => {
                write!(f, "{param}: {value:?} does not match the pattern {pattern:?}")
            }
            Rule::Format(format) => write!(f, "{param}: {value:?} is not a valid {format}"),
            Rule::Const(only) => write!(f, "{param}: {value} is not {only}, the only value allowed"),
            Rule::MinItems(bound) => {
                write!(f, "{param}: {value} items are fewer than the minimum {bound}")
            }
            Rule::MaxItems(bound) => {
                write!(f, "{param}: {value} items are more than the maximum {bound}")
            }
            Rule::UniqueItems => write!(
                f,
                "{param}: item {value} repeats an earlier item (items must be unique)"
            ),
            Rule::Date => write!(f, "{param}: {value} has no YYYY-MM-DD form (year 0 to 9999)"),
            Rule::AnyOf(sets) => {
                write!(f, "{param}: {value} is none of the values allowed, one of: {}", sets.join("; "))
            }
            Rule::AtLeastOneOf(fields) => {
                write!(f, "{param}: set at least one of {}", fields.join(", "))
            }
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

/// Checks `value > bound`, returning the broken rule.
pub fn check_exclusive_minimum<T: PartialOrd + fmt::Display>(value: T, bound: T) -> Result<(), Rule> {
    if value > bound {
        Ok(())
    } else {
        Err(Rule::ExclusiveMinimum(bound.to_string()))
    }
}

/// Checks `value < bound`, returning the broken rule.
pub fn check_exclusive_maximum<T: PartialOrd + fmt::Display>(value: T, bound: T) -> Result<(), Rule> {
    if value < bound {
        Ok(())
    } else {
        Err(Rule::ExclusiveMaximum(bound.to_string()))
    }
}

/// Checks that an integer is a whole multiple of `by` (above 0), exactly.
pub fn check_multiple_of_integer(value: i64, by: i64) -> Result<(), Rule> {
    if value % by == 0 {
        Ok(())
    } else {
        Err(Rule::MultipleOf(by.to_string()))
    }
}

/// Checks that a number is a whole multiple of `by` (above 0). Decimal steps
/// such as 0.01 have no exact binary form, so the quotient may be off its
/// whole number by a relative 1e-9 (`0.3` is a multiple of `0.1`).
pub fn check_multiple_of(value: f64, by: f64) -> Result<(), Rule> {
    let quotient = value / by;
    if quotient.is_finite() && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0) {
        Ok(())
    } else {
        Err(Rule::MultipleOf(by.to_string()))
    }
}

/// Checks that the text matches `pattern` somewhere (anchors are the pattern's own).
pub fn check_pattern(value: &str, pattern: &regex_lite::Regex) -> Result<(), Rule> {
    if pattern.is_match(value) {
        Ok(())
    } else {
        Err(Rule::Pattern(pattern.as_str().to_string()))
    }
}

/// Checks that a list has at least `bound` items.
pub fn check_min_items(len: usize, bound: u64) -> Result<(), Rule> {
    if len as u64 >= bound {
        Ok(())
    } else {
        Err(Rule::MinItems(bound))
    }
}

/// Checks that a list has at most `bound` items.
pub fn check_max_items(len: usize, bound: u64) -> Result<(), Rule> {
    if len as u64 <= bound {
        Ok(())
    } else {
        Err(Rule::MaxItems(bound))
    }
}

/// Checks that no item equals an earlier one; the error holds the index of
/// the first repeat. Quadratic, for the short lists parameters are.
pub fn check_unique_items<T: PartialEq>(items: &[T]) -> Result<(), (usize, Rule)> {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err((i, Rule::UniqueItems));
        }
    }
    Ok(())
}

/// Checks that a date can be written as `YYYY-MM-DD`.
pub fn check_date(value: &time::Date) -> Result<(), Rule> {
    if (0..=9999).contains(&value.year()) {
        Ok(())
    } else {
        Err(Rule::Date)
    }
}

/// Checks a flag that may hold only `only` (`enum: [true]` in OpenAPI).
pub fn check_const(value: bool, only: bool) -> Result<(), Rule> {
    if value == only {
        Ok(())
    } else {
        Err(Rule::Const(only))
    }
}

/// Checks that the value follows at least one rule set: `outcomes` holds each
/// set's result, `sets` describes them for the error.
pub fn check_any_of(outcomes: &[Result<(), Rule>], sets: &'static [&'static str]) -> Result<(), Rule> {
    if outcomes.iter().any(Result::is_ok) {
        Ok(())
    } else {
        Err(Rule::AnyOf(sets))
    }
}

/// Checks an RFC 3339 date-time held as text (an item of a list kept as strings).
pub fn check_date_time_text(value: &str) -> Result<(), Rule> {
    time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
        .map(|_| ())
        .map_err(|_| Rule::Format("date-time"))
}

/// Checks a `YYYY-MM-DD` date held as text.
pub fn check_date_text(value: &str) -> Result<(), Rule> {
    match super::datetime::parse_date(value) {
        Some(_) => Ok(()),
        None => Err(Rule::Format("date")),
    }
}

/// Checks a dotted-quad IPv4 address held as text.
pub fn check_ipv4_text(value: &str) -> Result<(), Rule> {
    value
        .parse::<std::net::Ipv4Addr>()
        .map(|_| ())
        .map_err(|_| Rule::Format("ipv4"))
}

/// Checks an IPv6 address held as text.
pub fn check_ipv6_text(value: &str) -> Result<(), Rule> {
    value
        .parse::<std::net::Ipv6Addr>()
        .map(|_| ())
        .map_err(|_| Rule::Format("ipv6"))
}

/// Checks an RFC 4122 UUID in its text form, `8-4-4-4-12` hex digits (either case).
pub fn check_uuid(value: &str) -> Result<(), Rule> {
    let bytes = value.as_bytes();
    let ok = bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if ok {
        Ok(())
    } else {
        Err(Rule::Format("uuid"))
    }
}

/// Checks an absolute RFC 3986 URI: a scheme, `:`, then only URI characters
/// and well-formed percent-escapes (no spaces, no non-ASCII text).
pub fn check_uri(value: &str) -> Result<(), Rule> {
    let ok = value.split_once(':').is_some_and(|(scheme, rest)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
            && !rest.is_empty()
            && uri_chars(rest)
    });
    if ok {
        Ok(())
    } else {
        Err(Rule::Format("uri"))
    }
}

/// Checks an RFC 3986 URI-reference: a URI, or a reference relative to one
/// (`/a/b`, `b?c`, `#frag`, empty): URI characters and well-formed
/// percent-escapes only, and a `:` before the first `/`, `?` or `#` only
/// after a scheme (a relative path's first segment cannot hold one).
pub fn check_uri_reference(value: &str) -> Result<(), Rule> {
    let first = value.split(['/', '?', '#']).next().unwrap_or("");
    let scheme_ok = match first.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        }
        None => true,
    };
    if scheme_ok && uri_chars(value) {
        Ok(())
    } else {
        Err(Rule::Format("uri-reference"))
    }
}

/// Checks an RFC 6570 URI template: literal URI characters and escapes, and
/// expressions `{[operator]name[:length|*],…}` with names of letters, digits,
/// `_`, escapes and inner dots.
pub fn check_uri_template(value: &str) -> Result<(), Rule> {
    let fail = Err(Rule::Format("uri-template"));
    let mut rest = value;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            Some(at) if rest.as_bytes()[at] == b'{' => {
                if !uri_chars(&rest[..at]) {
                    return fail;
                }
                let Some(end) = rest[at..].find('}') else {
                    return fail;
                };
                if !is_template_expression(&rest[at + 1..at + end]) {
                    return fail;
                }
                rest = &rest[at + end + 1..];
            }
            Some(_) => return fail,
            None => {
                if !uri_chars(rest) {
                    return fail;
                }
                rest = "";
            }
        }
    }
    Ok(())
}

fn is_template_expression(text: &str) -> bool {
    let text = text
        .strip_prefix(['+', '#', '.', '/', ';', '?', '&'])
        .unwrap_or(text);
    !text.is_empty()
        && text.split(',').all(|spec| {
            let (name, modifier) = match spec.split_once(':') {
                Some((name, length)) => (
                    name,
                    !length.is_empty()
                        && length.len() <= 4
                        && length.bytes().all(|b| b.is_ascii_digit())
                        && !length.starts_with('0'),
                ),
                None => (spec.strip_suffix('*').unwrap_or(spec), true),
            };
            modifier
                && !name.is_empty()
                && !name.starts_with('.')
                && !name.ends_with('.')
                && !name.contains("..")
                && uri_chars(name)
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.%".contains(&b))
        })
}

fn uri_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if !(i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

/// Checks an email address as users expect one: `local@domain`, the local
/// part 1 to 64 printable characters without spaces or `@`, the domain a
/// hostname with at least one dot.
pub fn check_email(value: &str) -> Result<(), Rule> {
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        (1..=64).contains(&local.len())
            && local.chars().all(|c| !c.is_control() && !c.is_whitespace() && c != '@')
            && domain.contains('.')
            && is_hostname(domain)
    });
    if ok {
        Ok(())
    } else {
        Err(Rule::Format("email"))
    }
}

/// Checks an RFC 1123 host name: dot-separated labels of 1 to 63 letters,
/// digits and `-`, not starting or ending with `-`; 253 characters at most.
pub fn check_hostname(value: &str) -> Result<(), Rule> {
    if is_hostname(value) {
        Ok(())
    } else {
        Err(Rule::Format("hostname"))
    }
}

fn is_hostname(value: &str) -> bool {
    (1..=253).contains(&value.len())
        && value.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}
