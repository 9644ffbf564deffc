//! Stage beside the pipeline: what a schema change does to the crate's users.
//!
//! `compare` takes the models of two schemas (plain data) and lists every
//! change a user of the generated crate can notice, each classified as
//! breaking, additive or docs only; `version` checks the crate version
//! against them; `report` renders them as text, Markdown or JSON.

mod compare;
pub mod report;
mod rust_api;
pub mod version;

use serde::Serialize;

use crate::model::Api;

/// How much a change matters to users, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Some user code stops compiling, fails, or sends something else.
    Breaking,
    /// New things; code that worked keeps working.
    Additive,
    /// Only documentation changed.
    Docs,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Additive => "additive",
            Severity::Docs => "docs only",
        }
    }
}

/// What a user's code sees after a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    FailsToCompile,
    FailsAtRunTime,
    SendsDifferentBytes,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::FailsToCompile => "fails to compile",
            Effect::FailsAtRunTime => "fails at run time",
            Effect::SendsDifferentBytes => "sends different bytes",
        }
    }
}

/// What happened to the item, for tools reading the JSON form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    /// The wire name or the Rust name changed, the other did not.
    Renamed,
    Reordered,
    BecameRequired,
    BecameOptional,
    TypeChanged,
    TypeWidened,
    TypeNarrowed,
    BoundTightened,
    BoundLoosened,
    /// A rule other than a bound (`pattern`, `format`, `any_of`, …) added
    /// or made stricter.
    RuleTightened,
    RuleLoosened,
    DeprecationAdded,
    DeprecationRemoved,
    DefaultChanged,
    QueryEncodingChanged,
    PathChanged,
    MethodChanged,
    ResponseChanged,
    SettingChanged,
    DocChanged,
}

/// One change a user can notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The schema file, relative to `schema/`.
    pub file: String,
    /// The item path inside the file, as in diagnostics
    /// (`operations.list.query.per_page`); empty for the file itself.
    pub item: String,
    pub kind: Kind,
    pub severity: Severity,
    /// Empty unless breaking.
    pub effects: Vec<Effect>,
    /// One line: what changed, naming the Rust item where that helps.
    pub summary: String,
}

impl Change {
    /// `file: item`, or the file alone.
    pub fn path(&self) -> String {
        if self.item.is_empty() {
            self.file.clone()
        } else {
            format!("{}: {}", self.file, self.item)
        }
    }

    /// The effects as one phrase: `fails to compile; sends different bytes`.
    pub fn effects_text(&self) -> String {
        self.effects
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Every change from `old` to `new` a user can notice, breaking ones first,
/// then in schema order.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = compare::api(old, new);
    changes.sort_by_key(|c| c.severity);
    changes
}

/// How many changes of each severity: (breaking, additive, docs only).
pub fn counts(changes: &[Change]) -> (usize, usize, usize) {
    let count = |s| changes.iter().filter(|c| c.severity == s).count();
    (
        count(Severity::Breaking),
        count(Severity::Additive),
        count(Severity::Docs),
    )
}
