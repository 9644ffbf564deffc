//! Choosing credentials: explicit settings win over the environment.

use super::secret::Secret;

/// One credential of a scheme: what the builder was given, and what the environment holds.
pub type Slot<'a> = (Option<&'a Secret>, Option<&'a Secret>);

/// The scheme's secrets if it is complete in `pass`: pass 0 uses explicit
/// settings only; pass 1 lets the environment complete a scheme that has at
/// least one explicit setting; pass 2 takes the environment alone. An empty
/// explicit setting counts as unset, as an empty environment variable does
/// (`Bearer ` + an empty token would otherwise make a non-empty header).
pub fn pick<'a>(slots: &[Slot<'a>], pass: u8) -> Option<Vec<&'a Secret>> {
    let slots: Vec<Slot<'a>> = slots
        .iter()
        .map(|&(set, env)| (set.filter(|s| !s.expose().is_empty()), env))
        .collect();
    let explicit = slots.iter().filter(|(set, _)| set.is_some()).count();
    let use_env = match pass {
        0 => false,
        1 => explicit > 0,
        _ => true,
    };
    slots
        .iter()
        .map(|(set, env)| set.or(if use_env { *env } else { None }))
        .collect()
}

/// Reads a credential from the environment; empty counts as unset.
pub fn env_secret(name: &str) -> Option<Secret> {
    std::env::var(name).ok().filter(|v| !v.is_empty()).map(Secret::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_wins_and_env_completes() {
        let key = Secret::new("k".to_string());
        let email = Secret::new("e".to_string());
        assert!(pick(&[(Some(&key), None), (None, Some(&email))], 0).is_none());
        assert_eq!(pick(&[(Some(&key), None), (None, Some(&email))], 1).map(|v| v.len()), Some(2));
        assert!(pick(&[(None, Some(&key))], 1).is_none());
        assert!(pick(&[(None, Some(&key))], 2).is_some());
    }

    #[test]
    fn empty_explicit_settings_count_as_unset() {
        let empty = Secret::new(String::new());
        let env = Secret::new("e".to_string());
        for pass in 0..3 {
            assert!(pick(&[(Some(&empty), None)], pass).is_none(), "pass {pass}");
        }
        assert!(pick(&[(Some(&empty), Some(&env))], 1).is_none());
        let picked = pick(&[(Some(&empty), Some(&env))], 2).unwrap();
        assert_eq!(picked[0].expose(), "e");
    }
}
