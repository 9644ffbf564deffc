//! The semver guard: breaking changes need a version Cargo does not treat as
//! compatible with the old one (a new major, or in 0.x a new minor, or in
//! 0.0.x a new patch).

use semver::{Version, VersionReq};
use serde::Serialize;

use super::{Change, Severity};

/// Where the crate version is set, for messages.
pub const VERSION_SETTING: &str = "`sdk.version` in schema/api.yaml";

/// The guard's verdict on a version change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionCheck {
    pub old: String,
    pub new: String,
    /// The smallest version the changes allow (the old one when nothing needs a bump).
    pub needed: String,
    pub ok: bool,
    pub message: String,
}

/// Checks `new` against `old` for `changes`.
pub fn check(old: &str, new: &str, changes: &[Change]) -> VersionCheck {
    let verdict = |needed: String, ok: bool, message: String| VersionCheck {
        old: old.to_string(),
        new: new.to_string(),
        needed,
        ok,
        message,
    };
    let (old_v, new_v) = match (Version::parse(old), Version::parse(new)) {
        (Ok(o), Ok(n)) => (o, n),
        _ => {
            return verdict(
                String::new(),
                false,
                format!("version {old:?} or {new:?} is not semver; set {VERSION_SETTING}"),
            )
        }
    };
    if new_v < old_v {
        return verdict(
            old.to_string(),
            false,
            format!("version went down from {old} to {new}; set {VERSION_SETTING}"),
        );
    }
    let breaking: Vec<&Change> = changes
        .iter()
        .filter(|c| c.severity == Severity::Breaking)
        .collect();
    if breaking.is_empty() {
        let additive = changes.iter().any(|c| c.severity == Severity::Additive);
        let message = if additive && new_v == old_v {
            format!(
                "version {new}: no breaking change; the additive ones can ship in {}",
                additive_bump(&old_v)
            )
        } else {
            format!("version {old} → {new}: no breaking change")
        };
        return verdict(old.to_string(), true, message);
    }
    let needed = breaking_bump(&old_v);
    if compatible(&old_v, &new_v) {
        return verdict(
            needed.to_string(),
            false,
            format!(
                "{} breaking change{} version {needed} or later, but {VERSION_SETTING} is {new}, which Cargo treats as compatible with {old}",
                breaking.len(),
                if breaking.len() == 1 { " needs" } else { "s need" },
            ),
        );
    }
    verdict(
        needed.to_string(),
        true,
        format!("version {old} → {new}: allows the breaking changes"),
    )
}

/// Whether Cargo would pick `new` for a dependency on `old` (`^old`).
pub fn compatible(old: &Version, new: &Version) -> bool {
    VersionReq::parse(&format!("^{old}")).is_ok_and(|req| req.matches(new))
}

/// The smallest version Cargo treats as incompatible with `old`.
pub fn breaking_bump(old: &Version) -> Version {
    match (old.major, old.minor) {
        (0, 0) => Version::new(0, 0, old.patch + 1),
        (0, minor) => Version::new(0, minor + 1, 0),
        (major, _) => Version::new(major + 1, 0, 0),
    }
}

/// The release additions go in: a minor from 1.0 on, a patch in 0.x
/// (0.0.x has no compatible bump).
pub fn additive_bump(old: &Version) -> Version {
    match (old.major, old.minor) {
        (0, 0) => Version::new(0, 0, old.patch + 1),
        (0, minor) => Version::new(0, minor, old.patch + 1),
        (major, minor) => Version::new(major, minor + 1, 0),
    }
}
