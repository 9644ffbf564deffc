//! The change list as text for a terminal, Markdown for a pull request, or
//! JSON for tools.

use serde::Serialize;

use super::version::VersionCheck;
use super::{counts, Change, Severity};

/// A comparison with what it was against.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    /// What the old side is, e.g. `HEAD` or `origin/main`.
    pub base: &'a str,
    pub changes: &'a [Change],
    pub version: &'a VersionCheck,
}

impl Report<'_> {
    fn headline(&self) -> String {
        let (breaking, additive, docs) = counts(self.changes);
        format!("{breaking} breaking, {additive} additive, {docs} docs only")
    }

    /// A few lines for `cargo xtask regenerate`.
    pub fn text(&self) -> String {
        let mut out = format!(
            "changes for users since {}: {}\n",
            self.base,
            self.headline()
        );
        for change in self.changes {
            out.push_str(&text_line(change));
            out.push('\n');
        }
        if !self.changes.is_empty() {
            let mark = if self.version.ok {
                "ok"
            } else {
                "needs a bump"
            };
            out.push_str(&format!("version: {mark}: {}\n", self.version.message));
        }
        out
    }

    /// A section to paste into a pull request.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "### API changes since `{}`: {}\n\n",
            self.base,
            self.headline()
        );
        if self.changes.is_empty() {
            out.push_str("No change users can notice.\n");
            return out;
        }
        out.push_str("| | item | change | what users see |\n|---|---|---|---|\n");
        for c in self.changes {
            let severity = match c.severity {
                Severity::Breaking => "**breaking**",
                other => other.as_str(),
            };
            out.push_str(&format!(
                "| {severity} | `{}` `{}` | {} | {} |\n",
                c.file,
                c.item,
                cell(&c.summary),
                c.effects_text()
            ));
        }
        let mark = if self.version.ok { "✅" } else { "❌" };
        out.push_str(&format!("\n{mark} {}\n", cell(&self.version.message)));
        out
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// One line: `breaking  file: item: summary (effects)`.
pub fn text_line(change: &Change) -> String {
    let effects = if change.effects.is_empty() {
        String::new()
    } else {
        format!(" ({})", change.effects_text())
    };
    format!(
        "{:<9} {}: {}{effects}",
        change.severity.as_str(),
        change.path(),
        change.summary
    )
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
