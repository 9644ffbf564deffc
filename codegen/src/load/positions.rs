//! Where each item of a YAML file starts, by item path (`operations.list.query.size`).
//! serde_yaml gives no spans on success, so a second, event-level pass finds them.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Item path to the position of its key (for mapping entries) or its first
/// token (for sequence items).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    by_path: HashMap<String, Position>,
    /// Every item in file order, to name the item an error position falls in.
    in_order: Vec<(Position, String)>,
}

enum Frame {
    Mapping {
        path: String,
        key: Option<(String, Position)>,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

/// The deepest nesting of mappings and sequences a schema file may have.
/// Item paths grow with depth, so an unbounded depth costs quadratic time.
pub const MAX_DEPTH: usize = 32;

impl Positions {
    /// Indexes `text`; a file that does not parse yields what was read before
    /// the error (serde_yaml then reports the error itself). A file nested
    /// deeper than [`MAX_DEPTH`] is refused with the position where it does.
    pub fn index(text: &str) -> Result<Self, Position> {
        let mut positions = Positions::default();
        let mut parser = Parser::new_from_str(text);
        let mut stack: Vec<Frame> = Vec::new();
        while let Ok((event, marker)) = parser.next_token() {
            let here = Position {
                line: marker.line(),
                column: marker.col() + 1,
            };
            // The path and position of the node this event starts, if it is a value.
            let node = match stack.last_mut() {
                Some(Frame::Mapping { path, key }) => match key.take() {
                    Some((name, at)) => Some((join(path, &name), at)),
                    None => {
                        if let Event::Scalar(name, ..) = &event {
                            *key = Some((name.clone(), here));
                            continue;
                        }
                        None
                    }
                },
                Some(Frame::Sequence { path, next }) => {
                    let item = format!("{path}[{next}]");
                    *next += 1;
                    Some((item, here))
                }
                None => Some((String::new(), here)),
            };
            let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
            if opens && stack.len() >= MAX_DEPTH {
                return Err(here);
            }
            match event {
                Event::MappingStart(..) => {
                    let path = node
                        .map(|(path, at)| positions.record(path, at))
                        .unwrap_or_default();
                    stack.push(Frame::Mapping { path, key: None });
                }
                Event::SequenceStart(..) => {
                    let path = node
                        .map(|(path, at)| positions.record(path, at))
                        .unwrap_or_default();
                    stack.push(Frame::Sequence { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::Scalar(..) | Event::Alias(..) => {
                    if let Some((path, at)) = node {
                        positions.record(path, at);
                    }
                }
                Event::StreamEnd => break,
                _ => {}
            }
        }
        Ok(positions)
    }

    fn record(&mut self, path: String, at: Position) -> String {
        self.by_path.insert(path.clone(), at);
        self.in_order.push((at, path.clone()));
        path
    }

    /// The position of `path`, or of its nearest indexed ancestor.
    pub fn find(&self, path: &str) -> Position {
        let mut path = path;
        // The file as a whole is its first line.
        if path.is_empty() {
            return Position { line: 1, column: 1 };
        }
        loop {
            if let Some(at) = self.by_path.get(path) {
                return *at;
            }
            match path.rfind(['.', '[']) {
                Some(cut) if cut > 0 => path = &path[..cut],
                _ => return Position { line: 1, column: 1 },
            }
        }
    }

    /// The last item that starts at or before `at`: the item a parse error is in.
    pub fn item_at(&self, at: Position) -> &str {
        self.in_order
            .iter()
            .rev()
            .find(|(start, _)| *start <= at)
            .map(|(_, path)| path.as_str())
            .unwrap_or("")
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_sequence_items() {
        let text = "operations:\n  list:\n    query:\n      size: {type: integer, maximum: 0}\nvalues:\n  - a\n  - b\n";
        let positions = Positions::index(text).unwrap();
        assert_eq!(
            positions.find("operations.list.query.size"),
            Position { line: 4, column: 7 }
        );
        assert_eq!(
            positions.find("operations.list.query.size.maximum"),
            Position {
                line: 4,
                column: 29
            }
        );
        assert_eq!(positions.find("values[1]"), Position { line: 7, column: 5 });
        assert_eq!(
            positions.find("operations.nothing.here"),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            positions.item_at(Position {
                line: 4,
                column: 36
            }),
            "operations.list.query.size.maximum"
        );
    }
}
