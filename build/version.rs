// The version text of `upright --version`, shared by build.rs and its tests
// (both `include!` this file).

/// The commit checked out at `dir`, when `dir` is the top of a git work tree: a
/// tarball unpacked inside some other repository does not take that one's commit.
/// `git` runs git with the arguments given and returns what it printed, or
/// `None` when git is missing or fails.
#[allow(dead_code)]
fn commit_of(dir: &Path, git: &dyn Fn(&[&str]) -> Option<String>) -> Option<String> {
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let same = match (Path::new(&top).canonicalize(), dir.canonicalize()) {
        (Ok(top), Ok(dir)) => top == dir,
        _ => false,
    };
    if !same {
        return None;
    }
    git(&["rev-parse", "--short=12", "HEAD"])
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// "0.1.0", or "0.1.0 (commit 1a2b3c4d5e6f)" when the commit is known.
#[allow(dead_code)]
fn describe(version: &str, commit: Option<&str>) -> String {
    match commit {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version.to_string(),
    }
}
