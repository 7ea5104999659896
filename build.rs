//! Puts the commit the program is built from into `upright --version`, when it is
//! built from a git checkout of its own. From a tarball, with no `.git` or no
//! `git` installed, the version is the package's alone and the build goes on.

use std::path::Path;
use std::process::Command;

include!("build/version.rs");

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8(out.stdout).ok()?;
        Some(text.trim().to_string())
    };
    let commit = commit_of(Path::new(&dir), &git);
    let version = describe(env!("CARGO_PKG_VERSION"), commit.as_deref());
    println!("cargo:rustc-env=UPRIGHT_VERSION={version}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/version.rs");
    // Build again when the commit changes: HEAD moves, or the branch it names does.
    if commit.is_some() {
        let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
        watch.extend(git(&["symbolic-ref", "-q", "HEAD"]));
        for name in watch {
            if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
                let path = Path::new(&dir).join(path);
                if path.exists() {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
        }
    }
}
