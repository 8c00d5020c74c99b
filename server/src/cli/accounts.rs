//! `forumplan forum …` and `forumplan user …`: the first forums and accounts, from the shell.
//!
//! A password is never a command-line argument (it would show in `ps` and the shell history):
//! it is the first line of `--password-file` or of standard input.
use super::{CliError, open};
use crate::config::Config;
use app::backend::accounts::{self, Email, NewUser, Password};
use app::backend::error::BackendError;
use app::domain::role::Role;
use clap::{Args, Subcommand, ValueEnum};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// `forumplan forum …`
#[derive(Subcommand, Debug)]
pub enum ForumCommand {
    /// Create a forum; prints its id and URL name.
    Add {
        /// The forum's name (several words may be given unquoted).
        #[arg(required = true, num_args = 1..)]
        name: Vec<String>,
    },
    /// List the forums, one a line: id, a tab, name.
    List,
}

/// `forumplan user …`
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is the first line of --password-file, or else of
    /// standard input; it is never taken from the command line.
    Add(UserAdd),
}

/// The options of `forumplan user add`.
#[derive(Args, Debug)]
pub struct UserAdd {
    /// The address the person signs in with.
    #[arg(long)]
    email: String,
    /// The person's name.
    #[arg(long)]
    name: String,
    /// `admin` runs the whole installation; the others are a role in one forum.
    #[arg(long, value_enum)]
    role: RoleArg,
    /// The forum of the role (its id, name or URL name); not for admin.
    #[arg(long, value_name = "NAME-OR-ID")]
    forum: Option<String>,
    /// The partner agency the person works for in that forum (required for a member).
    #[arg(long, value_name = "NAME")]
    partner: Option<String>,
    /// Read the password from the first line of this file instead of standard input.
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
}

/// The `--role` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum RoleArg {
    /// Administrator of the whole installation.
    Admin,
    /// Runs one forum's plan.
    Coordinator,
    /// Records updates for one partner agency.
    Member,
    /// Reads one forum's plan.
    Viewer,
}

impl RoleArg {
    fn role(self) -> Option<Role> {
        match self {
            RoleArg::Admin => None,
            RoleArg::Coordinator => Some(Role::Coordinator),
            RoleArg::Member => Some(Role::Member),
            RoleArg::Viewer => Some(Role::Viewer),
        }
    }
}

/// Backend refusals become [`CliError::Refused`], failures [`CliError::Database`].
fn backend(e: BackendError) -> CliError {
    match e {
        BackendError::Invalid(message) => CliError::Refused(message),
        BackendError::NotFound(what) => CliError::Refused(format!("{what} not found")),
        other => CliError::Database(other.to_string()),
    }
}

/// Runs `forumplan forum …`.
///
/// # Errors
/// A one-line [`CliError`].
pub async fn forum(config: &Config, command: ForumCommand) -> Result<(), CliError> {
    let conn = open(config).await?;
    match command {
        ForumCommand::Add { name } => {
            let created = accounts::create_forum(&conn, &name.join(" "), None)
                .await
                .map_err(backend)?;
            println!(
                "Created forum {} \"{}\" with URL name {}.",
                created.id, created.name, created.slug
            );
        }
        ForumCommand::List => {
            let mut out = std::io::stdout().lock();
            for f in accounts::list_forums(&conn).await.map_err(backend)? {
                writeln!(out, "{}\t{}", f.id, f.name)
                    .map_err(|e| CliError::Input(format!("cannot write the list: {e}")))?;
            }
        }
    }
    Ok(())
}

/// Runs `forumplan user …`.
///
/// # Errors
/// A one-line [`CliError`]: usage for a wrong combination of options, refused for what the
/// rules refuse (a weak password, a duplicate e-mail address, an unknown forum or partner).
pub async fn user(config: &Config, command: UserCommand) -> Result<(), CliError> {
    let UserCommand::Add(args) = command;
    check_options(&args)?;
    let email = Email::parse(&args.email).map_err(|e| CliError::Usage(format!("--email: {e}")))?;
    let password = read_password(args.password_file.as_deref(), &email)?;
    let password = Password::parse(password).map_err(backend)?;
    let conn = open(config).await?;
    let (forum, partner) = match &args.forum {
        Some(wanted) => {
            let f = accounts::find_forum(&conn, wanted)
                .await
                .map_err(|e| match e {
                    BackendError::NotFound(_) => CliError::Refused(format!(
                        "no forum has the id or name '{wanted}' (`forumplan forum list` shows them)"
                    )),
                    other => backend(other),
                })?;
            let p = match &args.partner {
                Some(name) => Some(accounts::find_partner(&conn, f.id, name).await.map_err(
                    |e| match e {
                        BackendError::NotFound(_) => CliError::Refused(format!(
                            "\"{}\" has no partner named '{name}'",
                            f.name
                        )),
                        other => backend(other),
                    },
                )?),
                None => None,
            };
            (Some(f), p)
        }
        None => (None, None),
    };
    let new = NewUser {
        email,
        name: args.name.clone(),
        password,
        is_admin: args.role == RoleArg::Admin,
        forum_id: forum.as_ref().map(|f| f.id),
        role: args.role.role(),
        partner_id: partner.as_ref().map(|p| p.id),
        must_change_password: false,
    };
    let user = accounts::add_user(&conn, new, None)
        .await
        .map_err(backend)?;
    let what = match (args.role.role(), &forum, &partner) {
        (Some(role), Some(f), Some(p)) => {
            format!("{} of \"{}\" for {}", role.as_str(), f.name, p.name)
        }
        (Some(role), Some(f), None) => format!("{} of \"{}\"", role.as_str(), f.name),
        _ => "administrator".to_owned(),
    };
    println!("Created account {} for {}: {what}.", user.id, user.email);
    Ok(())
}

/// The combinations of options that make sense, checked before anything is read or written.
fn check_options(args: &UserAdd) -> Result<(), CliError> {
    let role = args.role.to_possible_value();
    let role = role.as_ref().map_or("?", |v| v.get_name());
    match (args.role, &args.forum, &args.partner) {
        (RoleArg::Admin, Some(_), _) | (RoleArg::Admin, _, Some(_)) => Err(CliError::Usage(
            "--role admin takes no --forum or --partner: an administrator has every forum"
                .to_owned(),
        )),
        (RoleArg::Admin, None, None) => Ok(()),
        (_, None, _) => Err(CliError::Usage(format!(
            "--role {role} needs --forum NAME-OR-ID: the forum the role is in (`forumplan forum list` shows them)"
        ))),
        (RoleArg::Member, Some(_), None) => Err(CliError::Usage(
            "--role member needs --partner NAME: the partner agency the member records updates for"
                .to_owned(),
        )),
        _ => Ok(()),
    }
}

/// The first line of the file, or else of standard input, without its line ending.
fn read_password(file: Option<&Path>, email: &Email) -> Result<String, CliError> {
    let mut line = String::new();
    match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::Input(format!(
                    "cannot read the password file {}: {e}",
                    path.display()
                ))
            })?;
            line = text.lines().next().unwrap_or_default().to_owned();
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprint!("Password for {email} (shown as you type; or use --password-file): ");
            }
            stdin
                .lock()
                .read_line(&mut line)
                .map_err(|e| CliError::Input(format!("cannot read the password: {e}")))?;
        }
    }
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(CliError::Refused(
            "no password given: put it on the first line of standard input or of --password-file FILE"
                .to_owned(),
        ));
    }
    Ok(password)
}
