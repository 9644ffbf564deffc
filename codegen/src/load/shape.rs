//! Every shape error of a file at once. serde stops at the first problem, so
//! the file is deserialized again without each bad item until it reads or
//! nothing is left to drop; errors that only follow from a dropped item (a
//! `missing field` whose value was the bad one) are not reported twice.

use serde::de::DeserializeOwned;
use serde_yaml::Value;

/// One step of an item path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Map { key: String },
    Seq { index: usize },
}

fn segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    use serde_path_to_error::Segment as S;
    path.iter()
        .map(|segment| match segment {
            S::Seq { index } => Segment::Seq { index: *index },
            S::Map { key } | S::Enum { variant: key } => Segment::Map { key: key.clone() },
            S::Unknown => Segment::Map {
                key: "?".to_string(),
            },
        })
        .collect()
}

/// The most shape errors reported for one file.
const MAX_ERRORS: usize = 50;

/// One shape error: the item path (as `Positions` writes it) and a message.
pub struct ShapeError {
    pub item: String,
    pub message: String,
}

/// `value` as `T`, or every shape error in it.
pub fn read<T: DeserializeOwned>(mut value: Value) -> Result<T, Vec<ShapeError>> {
    let mut errors: Vec<ShapeError> = Vec::new();
    // Items dropped so far, as paths in the file's own numbering.
    let mut dropped: Vec<Vec<Segment>> = Vec::new();
    // Unknown keys with a likely meaning: the key they were meant to be.
    let mut meant: Vec<Vec<Segment>> = Vec::new();
    for _ in 0..MAX_ERRORS * 2 {
        let error = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(data) if errors.is_empty() => return Ok(data),
            Ok(_) => break,
            Err(error) => error,
        };
        let current = segments(error.path());
        let original = to_original(&current, &dropped);
        let message = error.into_inner().to_string();
        let (item_path, drop_current, report) = match field_in(&message, "unknown field `") {
            Some(key) => {
                // The path ends at the unknown key, or at its mapping.
                let here = Segment::Map {
                    key: key.to_string(),
                };
                let (mut item, mut at) = (original.clone(), current.clone());
                if current.last() != Some(&here) {
                    item.push(here.clone());
                    at.push(here);
                }
                if let Some(near) = crate::diagnostic::did_you_mean(key, &expected_keys(&message)) {
                    let mut intended = item[..item.len() - 1].to_vec();
                    intended.push(Segment::Map {
                        key: near.to_string(),
                    });
                    meant.push(intended);
                }
                (item, at, true)
            }
            None => {
                let follows = field_in(&message, "missing field `").is_some_and(|key| {
                    let mut missing = original.clone();
                    missing.push(Segment::Map {
                        key: key.to_string(),
                    });
                    dropped.iter().any(|d| d.starts_with(&missing)) || meant.contains(&missing)
                });
                (original.clone(), current.clone(), !follows)
            }
        };
        if report {
            errors.push(ShapeError {
                item: display(&item_path),
                message: explain(&message),
            });
        }
        if drop_current.is_empty()
            || !remove(&mut value, &drop_current)
            || errors.len() >= MAX_ERRORS
        {
            break;
        }
        dropped.push(item_path);
    }
    if errors.is_empty() {
        errors.push(ShapeError {
            item: String::new(),
            message: "the file does not have the schema's shape".to_string(),
        });
    }
    Err(errors)
}

/// `key` from a serde message such as "unknown field `key`, expected …".
fn field_in<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.find('`').map(|end| &rest[..end])
}

/// A path with sequence indices counted as in the file, before any drop.
fn to_original(current: &[Segment], dropped: &[Vec<Segment>]) -> Vec<Segment> {
    let mut original: Vec<Segment> = Vec::with_capacity(current.len());
    for segment in current {
        let segment = match segment {
            Segment::Seq { index } => {
                // The index-th element not dropped from this sequence.
                let mut gone: Vec<usize> = dropped
                    .iter()
                    .filter(|d| d.len() == original.len() + 1 && d.starts_with(&original))
                    .filter_map(|d| match d.last() {
                        Some(Segment::Seq { index }) => Some(*index),
                        _ => None,
                    })
                    .collect();
                gone.sort_unstable();
                let mut index = *index;
                for g in gone {
                    if g <= index {
                        index += 1;
                    }
                }
                Segment::Seq { index }
            }
            other => other.clone(),
        };
        original.push(segment);
    }
    original
}

/// Removes the item at `path` (current numbering); false when it is not there.
fn remove(value: &mut Value, path: &[Segment]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut node = value;
    for segment in parents {
        node = match (segment, node) {
            (Segment::Seq { index }, Value::Sequence(items)) => match items.get_mut(*index) {
                Some(item) => item,
                None => return false,
            },
            (Segment::Map { key }, Value::Mapping(map)) => match map.get_mut(key.as_str()) {
                Some(item) => item,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node) {
        (Segment::Seq { index }, Value::Sequence(items)) if *index < items.len() => {
            items.remove(*index);
            true
        }
        (Segment::Map { key }, Value::Mapping(map)) => map.remove(key.as_str()).is_some(),
        _ => false,
    }
}

/// `a.b[0].c`, the form `Positions` indexes.
fn display(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
        }
    }
    out
}

/// The keys serde lists after "expected" in an unknown-field message.
fn expected_keys(message: &str) -> Vec<&str> {
    message
        .split_once("expected ")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

/// serde's wording, in terms of the schema.
fn explain(message: &str) -> String {
    if let Some(key) = field_in(message, "unknown field `") {
        let expected = expected_keys(message);
        let mut text = format!("unknown key `{key}`");
        match crate::diagnostic::did_you_mean(key, &expected) {
            Some(near) => text.push_str(&format!("; did you mean `{near}`?")),
            None if !expected.is_empty() => {
                text.push_str(&format!("; expected one of: {}", expected.join(", ")))
            }
            None => {}
        }
        return text;
    }
    if let Some(key) = field_in(message, "missing field `") {
        return format!("missing key `{key}`");
    }
    if message.contains("untagged enum TypeExpr") {
        return "expected a type: a name such as `string` or `MyType`, `{array: T}` or `{map: T}`"
            .to_string();
    }
    if message.contains("untagged enum Scalar") {
        return "expected a single value: a number, a string or true/false".to_string();
    }
    if message.contains("untagged enum EnumValueDef") {
        return "expected an enum value, or a mapping with `value:` and optional `name:`, `doc:`, `deprecated:`".to_string();
    }
    // `minimum: 1` followed by a line `maximum` without a colon reads as the
    // string "1 maximum": the next line continued the value.
    if let Some(rest) = message.strip_prefix("invalid type: string \"") {
        if let Some((text, expected)) = rest.split_once("\", expected ") {
            if text.contains(' ') {
                return format!(
                    "expected {}, found the text \"{text}\": the line below continues this value; is a `:` missing after a key there, or is it indented too far?",
                    plain_expected(expected)
                );
            }
            return format!(
                "expected {}, found the text \"{text}\"",
                plain_expected(expected)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {}, found {found}", plain_expected(expected));
        }
    }
    message.to_string()
}

/// serde's Rust type names as schema words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "f64" | "f32" => "a number".to_string(),
        "u64" | "u32" | "i64" | "i32" | "u16" | "u8" => "a whole number".to_string(),
        "a boolean" => "true or false".to_string(),
        "a string" => "text".to_string(),
        "a sequence" => "a list (`- item` lines or `[a, b]`)".to_string(),
        other if other.starts_with("struct ") || other == "a map" => {
            "a mapping (`key: value` lines, indented below this key)".to_string()
        }
        other => other.to_string(),
    }
}
