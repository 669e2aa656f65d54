//! The mail the portal sends, in English and Spanish, in plain words (grade 8 or lower).

/// The language a message is written in: the account's `language`, English unless it says
/// Spanish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Es,
}

impl Language {
    /// `es`, `es-MX`… are Spanish; anything else (or nothing) is English.
    pub fn parse(code: Option<&str>) -> Self {
        match code.map(|c| c.trim().to_ascii_lowercase()) {
            Some(c) if c == "es" || c.starts_with("es-") || c.starts_with("es_") => Self::Es,
            _ => Self::En,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
        }
    }
}

/// A message the portal sends, with what it needs to say.
#[derive(Debug, Clone, Copy)]
pub enum Template<'a> {
    /// Confirm the address a new account gave.
    VerifyEmail { link: &'a str },
    /// Confirm a new address, sent to that new address.
    ConfirmNewEmail { link: &'a str },
    /// Tell the old address that someone asked to move the account to another one.
    EmailChangeNotice { new_email: &'a str },
    /// Choose a new password (30 minutes, once).
    PasswordReset { link: &'a str },
    /// A new staff member chooses their first password (3 days, once).
    Invitation { name: &'a str, link: &'a str },
}

/// A message ready to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
}

const SIGNATURE_EN: &str = "\n\nThe patient portal team";
const SIGNATURE_ES: &str = "\n\nEl equipo del portal del paciente";

impl Template<'_> {
    /// The outbox's `kind` for this message.
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::VerifyEmail { .. } => "email_verification",
            Self::ConfirmNewEmail { .. } => "email_change",
            Self::EmailChangeNotice { .. } => "email_change_notice",
            Self::PasswordReset { .. } => "password_reset",
            Self::Invitation { .. } => "invitation",
        }
    }

    pub fn render(&self, language: Language) -> Rendered {
        let (subject, text) = match (language, *self) {
            (Language::En, Self::VerifyEmail { link }) => (
                "Please confirm your email".to_owned(),
                format!(
                    "Hello,\n\nPlease confirm that this is your email for the patient portal. \
                     Open this link:\n\n{link}\n\nThe link works for one day. \
                     If you did not make an account, you can ignore this email."
                ),
            ),
            (Language::Es, Self::VerifyEmail { link }) => (
                "Confirme su correo".to_owned(),
                format!(
                    "Hola:\n\nConfirme que este es su correo para el portal del paciente. \
                     Abra este enlace:\n\n{link}\n\nEl enlace sirve por un día. \
                     Si usted no hizo una cuenta, no tiene que hacer nada."
                ),
            ),
            (Language::En, Self::ConfirmNewEmail { link }) => (
                "Confirm your new email".to_owned(),
                format!(
                    "Hello,\n\nYou asked to use this email for your patient portal account. \
                     Open this link to say yes:\n\n{link}\n\nThe link works for one day. \
                     If you did not ask for this, you can ignore this email."
                ),
            ),
            (Language::Es, Self::ConfirmNewEmail { link }) => (
                "Confirme su nuevo correo".to_owned(),
                format!(
                    "Hola:\n\nUsted pidió usar este correo para su cuenta del portal del paciente. \
                     Abra este enlace para decir que sí:\n\n{link}\n\nEl enlace sirve por un día. \
                     Si usted no lo pidió, no tiene que hacer nada."
                ),
            ),
            (Language::En, Self::EmailChangeNotice { new_email }) => (
                "Your email may change".to_owned(),
                format!(
                    "Hello,\n\nSomeone asked to move your patient portal account to this email: \
                     {new_email}\n\nIf it was you, there is nothing to do. \
                     If it was not you, sign in and change your password. You can also call the clinic."
                ),
            ),
            (Language::Es, Self::EmailChangeNotice { new_email }) => (
                "Su correo puede cambiar".to_owned(),
                format!(
                    "Hola:\n\nAlguien pidió pasar su cuenta del portal del paciente a este correo: \
                     {new_email}\n\nSi fue usted, no tiene que hacer nada. \
                     Si no fue usted, entre y cambie su contraseña. También puede llamar a la clínica."
                ),
            ),
            (Language::En, Self::PasswordReset { link }) => (
                "Choose a new password".to_owned(),
                format!(
                    "Hello,\n\nSomeone asked for a new password for your patient portal account. \
                     If it was you, open this link to choose one:\n\n{link}\n\n\
                     The link works once, for 30 minutes. \
                     You will still need your second step to sign in. \
                     If you did not ask, you can ignore this email. Your password stays the same."
                ),
            ),
            (Language::Es, Self::PasswordReset { link }) => (
                "Elija una nueva contraseña".to_owned(),
                format!(
                    "Hola:\n\nAlguien pidió cambiar la contraseña de su cuenta del portal. \
                     Si fue usted, abra este enlace para elegirla:\n\n{link}\n\n\
                     El enlace sirve una vez, por 30 minutos. \
                     Para entrar, igual necesita su segundo paso. \
                     Si usted no lo pidió, no tiene que hacer nada. Su contraseña sigue igual."
                ),
            ),
            (Language::En, Self::Invitation { name, link }) => (
                "Your staff account for the patient portal".to_owned(),
                format!(
                    "Hello {name},\n\nYou now have a staff account on the patient portal. \
                     Open this link to choose your password:\n\n{link}\n\n\
                     The link works once, for three days. \
                     When you first sign in, you will set up a second step, like a code app on your phone."
                ),
            ),
            (Language::Es, Self::Invitation { name, link }) => (
                "Su cuenta de personal en el portal del paciente".to_owned(),
                format!(
                    "Hola, {name}:\n\nAhora tiene una cuenta de personal en el portal del paciente. \
                     Abra este enlace para elegir su contraseña:\n\n{link}\n\n\
                     El enlace sirve una vez, por tres días. \
                     La primera vez que entre, va a poner un segundo paso, como una app de códigos en su teléfono."
                ),
            ),
        };
        let signature = match language {
            Language::En => SIGNATURE_EN,
            Language::Es => SIGNATURE_ES,
        };
        Rendered { subject, text: format!("{text}{signature}\n") }
    }
}

#[cfg(test)]
pub(super) fn every_template() -> Vec<Template<'static>> {
    let link = "https://portal.example.org/password/reset#token=abc";
    vec![
        Template::VerifyEmail { link },
        Template::ConfirmNewEmail { link },
        Template::EmailChangeNotice { new_email: "new@example.org" },
        Template::PasswordReset { link },
        Template::Invitation { name: "Sam Lee", link },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_is_chosen_only_when_the_account_says_so() {
        assert_eq!(Language::parse(Some("es")), Language::Es);
        assert_eq!(Language::parse(Some("es-MX")), Language::Es);
        assert_eq!(Language::parse(Some("en")), Language::En);
        assert_eq!(Language::parse(Some("esperanto")), Language::En);
        assert_eq!(Language::parse(None), Language::En);
    }

    #[test]
    fn every_message_carries_its_link_in_both_languages() {
        for template in every_template() {
            for language in [Language::En, Language::Es] {
                let rendered = template.render(language);
                assert!(!rendered.subject.is_empty());
                let needle = match template {
                    Template::EmailChangeNotice { new_email } => new_email,
                    _ => "#token=abc",
                };
                assert!(rendered.text.contains(needle), "{:?} {language:?}", template.kind());
            }
        }
    }
}
