//! Request paths: each parameter becomes exactly one segment.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use super::validation::{Rule, ValidationError};

/// Every byte but `A-Z a-z 0-9 - _ . ~` is percent-encoded (RFC 3986 unreserved).
pub(crate) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Appends `value` to `path` as one percent-encoded segment. Empty, `.` and
/// `..` are refused: they would drop or climb a segment and reach another resource.
pub fn push_segment(path: &mut String, param: &str, value: &str) -> Result<(), ValidationError> {
    if matches!(value, "" | "." | "..") {
        return Err(ValidationError::new(param, value, Rule::PathSegment));
    }
    path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
    Ok(())
}
