//! The `dossier` command line: parse, dispatch, decide the exit code.
//! Exit 0 on success, 1 on content errors, 2 on usage errors.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use dossier::load::Diagnostic;
use dossier::{build, config, history, load, output, scaffold, schema, serve, util};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Customer and competitor dossiers from YAML files in git"
)]
struct Cli {
    /// Colour the messages: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Print only errors: no warnings, no summary line
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// The site root option, the same for every command.
#[derive(clap::Args)]
struct RootArg {
    /// The site root (the folder with dossier.yaml and content/)
    #[arg(short, long, default_value = ".")]
    root: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder
    Build {
        #[command(flatten)]
        root: RootArg,
        /// The output folder (default: <root>/output)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use this base_url instead of the one in dossier.yaml
        #[arg(short = 'u', long, value_parser = config::parse_base_url)]
        base_url: Option<String>,
    },
    /// Check the content and report every problem, without writing anything
    Check {
        #[command(flatten)]
        root: RootArg,
        /// Treat warnings as errors (exit 1 when there is any)
        #[arg(long)]
        deny_warnings: bool,
        /// How to print the problems: text, json (one object per line) or github (GitHub Actions annotations)
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Preview the site: build it in memory, serve it, rebuild and reload on every change
    Serve {
        #[command(flatten)]
        root: RootArg,
        /// The port (the next free one is taken when it is in use; 0: any)
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(short = 'O', long)]
        open: bool,
        /// Use this base_url instead of the one in dossier.yaml
        #[arg(short = 'u', long, value_parser = config::parse_base_url)]
        base_url: Option<String>,
        /// Also answer requests for this host name (besides localhost and IP
        /// addresses); repeat for several
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Create a new site with a company file, one customer and one competitor,
    /// the editor schemas, a .gitignore and a CI workflow
    Init {
        /// Where to create it (default: the current folder)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The language of the site's labels (en, zh-CN)
        #[arg(short, long, default_value = "en")]
        language: String,
    },
    /// Create a customer or competitor file from a commented template
    New {
        kind: NewKind,
        /// The full name; the file name (slug) is derived from it
        name: String,
        #[command(flatten)]
        root: RootArg,
    },
    /// Show what changed in the analysis between two git revisions
    Diff {
        /// The earlier revision (a tag, branch, `HEAD~3`, a commit hash)
        from: String,
        /// The later revision (default: the working tree)
        to: Option<String>,
        #[command(flatten)]
        root: RootArg,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Write the JSON Schemas of the content files, for editors (VS Code's YAML extension)
    Schema {
        #[command(flatten)]
        root: RootArg,
        /// The folder to write them to (default: <root>/schemas)
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script: `dossier completions bash > /etc/bash_completion.d/dossier`
    Completions { shell: clap_complete::Shell },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Customer,
    Competitor,
}

/// How problems and summaries are printed.
#[derive(Clone, Copy)]
struct Out {
    color: bool,
    quiet: bool,
}

impl Out {
    fn new(when: ColorWhen, quiet: bool) -> Self {
        use std::io::IsTerminal;
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        };
        Out { color, quiet }
    }

    /// A summary line on stdout, unless `--quiet`.
    fn say(&self, line: &str) {
        if !self.quiet {
            println!("{line}");
        }
    }
}

/// mimalloc instead of the system allocator: rendering makes and frees
/// millions of small strings and values, and glibc's malloc and free took
/// about 15% of a 10,000-customer build.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the same index in
/// its versions 2 and 3; the bindings name only the older options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 10 ms (mimalloc 2's
/// default) instead of version 3's 1 s: a build frees a great deal while it
/// renders, and at 10,000 customers the longer delay kept about 20 MiB
/// more resident for no measurable gain in speed.
///
/// `serve` keeps it instead: every rebuild needs about as much memory as
/// the last one, and taking it back from the system page by page cost
/// about 55,000 page faults per edit at 10,000 customers (a fifth of the
/// rebuild's time).
fn tune_allocator(serving: bool) {
    let delay = if serving { -1 } else { 10 };
    // SAFETY: sets one of mimalloc's documented options to a documented
    // value (-1: never), before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, delay) }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tune_allocator(matches!(cli.command, Command::Serve { .. }));
    let out = Out::new(cli.color, cli.quiet);
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
        } => {
            config::override_base_url(base_url);
            cmd_build(&root.root, output, out)
        }
        Command::Check {
            root,
            deny_warnings,
            format,
        } => cmd_check(&root.root, deny_warnings, format, out),
        Command::Serve {
            root,
            port,
            bind,
            open,
            base_url,
            allow_hosts,
        } => {
            config::override_base_url(base_url);
            cmd_serve(serve::Options {
                root: root.root,
                port,
                bind,
                open,
                allow_hosts,
            })
        }
        Command::Init { dir, language } => report_usage(scaffold::init(&dir, &language), out),
        Command::New { kind, name, root } => {
            if let Err(code) = require_site(&root.root) {
                return code;
            }
            let kind = match kind {
                NewKind::Customer => scaffold::Kind::Customer,
                NewKind::Competitor => scaffold::Kind::Competitor,
            };
            report_usage(scaffold::new_file(&root.root, kind, &name), out)
        }
        Command::Diff {
            from,
            to,
            root,
            format,
        } => cmd_diff(&root.root, &from, to.as_deref(), format, out),
        Command::Schema { root, output } => {
            let dir = output.unwrap_or_else(|| root.root.join(schema::DIR));
            let written = schema::write(&dir).map(|files| {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                format!("wrote {}", names.join(", "))
            });
            report_usage(written, out)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut script);
            print_out(&String::from_utf8_lossy(&script));
            ExitCode::SUCCESS
        }
    }
}

/// Writes to stdout; a closed pipe (`dossier check --format json | head`)
/// is not an error worth a panic.
fn print_out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints the diagnostics (warnings only without `--quiet`); returns
/// true when any is an error.
fn print_diagnostics(diags: &[Diagnostic], out: Out) -> bool {
    print_some(diags, out, usize::MAX)
}

/// How many warnings of one kind `build` prints; `check` prints them all.
const BUILD_WARNINGS_PER_KIND: usize = 5;

/// Prints every error, and at most `per_kind` warnings of each kind (the
/// message up to its first colon), then how many more there are: a build
/// of 10,000 customers must not bury its summary under 5,000 overdue
/// visits. Written in one go, through one lock of stderr.
fn print_some(diags: &[Diagnostic], out: Out, per_kind: usize) -> bool {
    use std::io::Write;
    let mut text = String::new();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in diags {
        if d.is_error() {
            text.push_str(&d.render(out.color));
            continue;
        }
        if out.quiet {
            continue;
        }
        let kind = d.message.split(':').next().unwrap_or(&d.message);
        let n = seen.entry(kind).or_default();
        *n += 1;
        if *n <= per_kind {
            text.push_str(&d.render(out.color));
        }
    }
    let mut more: Vec<(&str, usize)> = seen
        .into_iter()
        .filter(|&(_, n)| n > per_kind)
        .map(|(k, n)| (k, n - per_kind))
        .collect();
    more.sort();
    for (kind, n) in more {
        text.push_str(&format!(
            "note: {n} more warning(s) like \"{kind}\"; `dossier check` lists them all\n"
        ));
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    diags.iter().any(Diagnostic::is_error)
}

fn report_usage(r: Result<String, String>, out: Out) -> ExitCode {
    match r {
        Ok(msg) => {
            out.say(&msg);
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

fn cmd_check(root: &Path, deny_warnings: bool, format: CheckFormat, out: Out) -> ExitCode {
    if let Err(code) = require_site(root) {
        return code;
    }
    let (checked, diags) = build::check(root);
    let errors = diags.iter().any(Diagnostic::is_error);
    match format {
        CheckFormat::Text => {
            print_diagnostics(&diags, out);
        }
        CheckFormat::Json => diags
            .iter()
            .for_each(|d| print_out(&format!("{}\n", load::report::json(d)))),
        CheckFormat::Github => diags
            .iter()
            .for_each(|d| print_out(&format!("{}\n", load::report::github(d)))),
    }
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
    if format == CheckFormat::Text {
        out.say(&format!("check passed: {warnings} warning(s)"));
    } else if !out.quiet {
        eprintln!("check passed: {warnings} warning(s)");
    }
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

fn cmd_build(root: &Path, output: Option<PathBuf>, out: Out) -> ExitCode {
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
    let failed = print_some(&diags, out, BUILD_WARNINGS_PER_KIND);
    match summary {
        Some(s) if !failed => {
            if let Err(e) = util::timed("commit", || staging.commit()) {
                eprintln!("error: cannot replace {}: {e}", output.display());
                return ExitCode::from(1);
            }
            if s.unchanged {
                out.say(&format!(
                    "up to date: nothing changed since the last build ({} pages for {} customers and {} competitors, {} warning(s){}) -> {}",
                    s.pages,
                    s.customers,
                    s.competitors,
                    s.warnings,
                    if s.warnings > 0 {
                        "; `dossier check` lists them"
                    } else {
                        ""
                    },
                    output.display()
                ));
                return ExitCode::SUCCESS;
            }
            out.say(&format!(
                "built {} pages for {} customers and {} competitors in {} ms, {} warning(s) -> {}",
                s.pages,
                s.customers,
                s.competitors,
                s.elapsed.as_millis(),
                s.warnings,
                output.display()
            ));
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

fn cmd_diff(root: &Path, from: &str, to: Option<&str>, format: DiffFormat, out: Out) -> ExitCode {
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
                print_diagnostics(diags, out);
            }
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
