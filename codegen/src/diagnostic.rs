//! Errors about the schema, each pointing at a file, line, column and item.

use std::fmt;

/// One problem in a schema file, e.g.
/// `store/items.yaml:41:7: operations.list.query.size: maximum 0 is below minimum 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the schema directory, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The item's path inside the file, e.g. `operations.list.query.size`.
    pub item: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.item.is_empty() {
            write!(f, "{}: ", escape_controls(&self.item))?;
        }
        f.write_str(&escape_controls(&self.message))
    }
}

/// Schema values are quoted in messages: a line break or escape sequence in
/// one must not forge another diagnostic line or restyle the terminal.
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Everything that stopped generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", join_lines(.0))]
    Schema(Vec<Diagnostic>),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A path in or for the output directory that the generator will not touch.
    #[error("{path}: {message}")]
    UnsafeOutput { path: String, message: String },
    /// The emitted tokens did not parse as Rust: a generator bug, reported with the file.
    #[error("generated {file} is not valid Rust ({message}); this is a bug in codegen")]
    InvalidOutput { file: String, message: String },
}

impl Error {
    /// The same error with schema file paths under `dir` (`schema`), so they
    /// read relative to the repository root.
    pub fn in_dir(self, dir: &str) -> Self {
        match self {
            Error::Schema(diagnostics) => Error::Schema(
                diagnostics
                    .into_iter()
                    .map(|d| Diagnostic {
                        file: format!("{dir}/{}", d.file),
                        ..d
                    })
                    .collect(),
            ),
            other => other,
        }
    }
}

fn join_lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The closest of `options` to `word`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    options
        .iter()
        .map(|option| (strsim::damerau_levenshtein(word, option), *option))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, option)| option)
}

/// " (did you mean `x`?)" or nothing.
pub fn suggestion(word: &str, options: &[&str]) -> String {
    did_you_mean(word, options)
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default()
}
