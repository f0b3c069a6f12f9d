//! The `dossier` command line: parse, dispatch, decide the exit code.
//! Exit 0 on success, 1 on content errors, 2 on usage errors.

mod analysis;
mod build;
mod chart;
mod check;
mod config;
mod history;
mod load;
mod model;
mod output;
mod render;
mod scaffold;
mod serve;

use clap::{Parser, Subcommand, ValueEnum};
use load::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Customer and competitor dossiers from YAML files in git"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder
    Build {
        /// The site root (the folder with dossier.yaml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder (default: <root>/output)
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Check the content and report every problem, without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors (exit 1 when there is any)
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the site: build it in memory, serve it, rebuild and reload on every change
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port (the next free one is taken when it is in use; 0: any)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Also answer requests for this host name (besides localhost and IP
        /// addresses); repeat for several
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Create a new site with a company file, one customer and one competitor
    Init {
        /// Where to create it (default: the current folder)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create a customer or competitor file from a commented template
    New {
        kind: NewKind,
        /// The full name; the file name (slug) is derived from it
        name: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Show what changed in the analysis between two git revisions
    Diff {
        /// The earlier revision (a tag, branch, `HEAD~3`, a commit hash)
        from: String,
        /// The later revision (default: the working tree)
        to: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Customer,
    Competitor,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output } => cmd_build(&root, output),
        Command::Check {
            root,
            deny_warnings,
        } => cmd_check(&root, deny_warnings),
        Command::Serve {
            root,
            port,
            bind,
            open,
            allow_hosts,
        } => cmd_serve(serve::Options {
            root,
            port,
            bind,
            open,
            allow_hosts,
        }),
        Command::Init { dir } => report_usage(scaffold::init(&dir)),
        Command::New { kind, name, root } => {
            let kind = match kind {
                NewKind::Customer => scaffold::Kind::Customer,
                NewKind::Competitor => scaffold::Kind::Competitor,
            };
            report_usage(scaffold::new_file(&root, kind, &name))
        }
        Command::Diff {
            from,
            to,
            root,
            format,
        } => cmd_diff(&root, &from, to.as_deref(), format),
    }
}

/// Prints the diagnostics; returns true when any is an error.
fn print_diagnostics(diags: &[Diagnostic]) -> bool {
    for d in diags {
        eprint!("{d}");
    }
    diags.iter().any(Diagnostic::is_error)
}

fn report_usage(r: Result<String, String>) -> ExitCode {
    match r {
        Ok(msg) => {
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn require_site(root: &Path) -> Result<(), ExitCode> {
    if root.join("content").is_dir() || root.join("dossier.yaml").is_file() {
        return Ok(());
    }
    eprintln!(
        "error: {} is not a dossier site (no dossier.yaml or content/ folder); create one with `dossier init`",
        root.display()
    );
    Err(ExitCode::from(2))
}

fn cmd_check(root: &Path, deny_warnings: bool) -> ExitCode {
    if let Err(code) = require_site(root) {
        return code;
    }
    let (checked, diags) = build::check(root);
    let errors = print_diagnostics(&diags);
    let warnings = diags.len() - diags.iter().filter(|d| d.is_error()).count();
    let error_count = diags.len() - warnings;
    if errors || checked.is_none() {
        eprintln!("check failed: {error_count} error(s), {warnings} warning(s)");
        return ExitCode::from(1);
    }
    if deny_warnings && warnings > 0 {
        eprintln!("check failed: {warnings} warning(s) denied by --deny-warnings");
        return ExitCode::from(1);
    }
    println!("check passed: {warnings} warning(s)");
    ExitCode::SUCCESS
}

fn cmd_serve(opts: serve::Options) -> ExitCode {
    if let Err(code) = require_site(&opts.root) {
        return code;
    }
    match serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn cmd_build(root: &Path, output: Option<PathBuf>) -> ExitCode {
    if let Err(code) = require_site(root) {
        return code;
    }
    let output = output.unwrap_or_else(|| root.join("output"));
    if let Err(msg) = scaffold::check_output_location(root, &output) {
        eprintln!("error: {msg}");
        return ExitCode::from(2);
    }
    let staging = match output::Staging::begin(&output) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (summary, diags) = build::build(root, &staging);
    let failed = print_diagnostics(&diags);
    match summary {
        Some(s) if !failed => {
            if let Err(e) = build::timed("commit", || staging.commit()) {
                eprintln!("error: cannot replace {}: {e}", output.display());
                return ExitCode::from(1);
            }
            println!(
                "built {} pages for {} customers and {} competitors in {} ms, {} warning(s) -> {}",
                s.pages,
                s.customers,
                s.competitors,
                s.elapsed.as_millis(),
                s.warnings,
                output.display()
            );
            ExitCode::SUCCESS
        }
        _ => {
            staging.abort();
            let n = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("build failed: {n} error(s); the previous output is unchanged");
            ExitCode::from(1)
        }
    }
}

fn cmd_diff(root: &Path, from: &str, to: Option<&str>, format: DiffFormat) -> ExitCode {
    // Without `to` the working tree is one side, so it must be a site.
    if let Err(code) = to.map_or_else(|| require_site(root), |_| Ok(())) {
        return code;
    }
    let format = match format {
        DiffFormat::Text => history::Format::Text,
        DiffFormat::Json => history::Format::Json,
    };
    match history::run(root, from, to, format) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            if let history::Error::Content { diags, .. } = &e {
                print_diagnostics(diags);
            }
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
