# Palabras para el paciente en español. Cada clave debe estar también en en.ftl (una prueba lo revisa).
# Use palabras sencillas y frases cortas.

app-name = Portal del paciente
document-title = { $page } · { app-name }

skip-to-main = Saltar al contenido principal
nav-main = Principal
nav-menu = Menú
nav-home = Inicio
nav-footer = Sobre este portal
footer-accessibility = Accesibilidad
footer-privacy = Privacidad
footer-note = Su información de salud es privada. Cierre la sesión al terminar si usa un equipo compartido.

language-switch = English
language-switch-code = en

offline-banner = No tiene conexión. Volveremos a mostrar su información cuando tenga conexión.
loading = Cargando…
error-offline = No pudimos conectar con el portal. Revise su conexión a internet e inténtelo de nuevo.
error-generic = Algo salió mal de nuestro lado. Inténtelo de nuevo en unos minutos.
error-reference = Si nos llama, dé este número: { $id }
action-retry = Intentar de nuevo

home-title = Bienvenido
home-intro = Este es su lugar seguro para ver su historial de salud, resultados de pruebas y consultas, y para hablar con su equipo de atención.
home-clinic = Su portal lo ofrece { $clinic }.
home-help-phone = ¿Necesita ayuda? Llame al { $phone }.
home-help-email = También puede escribir a { $email }.

accessibility-title = Accesibilidad
accessibility-goal = Queremos que todas las personas puedan usar este portal.
accessibility-keyboard = Puede usar cada página solo con el teclado. Pulse Tab para avanzar y Mayús y Tab para retroceder.
accessibility-readers = El portal funciona con lectores de pantalla, letra grande y alto contraste.
accessibility-language = Puede leer el portal en inglés o en español. Use el botón de idioma en la parte de arriba de cada página.
accessibility-contact = Si algo es difícil de usar, díganos. Le ayudaremos y lo arreglaremos.

privacy-title = Privacidad
privacy-intro = Su información de salud le pertenece. La mantenemos segura.
privacy-who = Solo usted, las personas que usted elija y su equipo de atención pueden ver su historial.
privacy-log = Guardamos un registro de cada vez que alguien mira su información de salud.
privacy-device = No guardamos su información de salud en este dispositivo.

not-found-title = Página no encontrada
not-found-body = No pudimos encontrar esta página. Es posible que el enlace sea antiguo o tenga un error.
not-found-home = Ir a la página de inicio

# Iniciar sesión y la cuenta.
nav-sign-in = Iniciar sesión
nav-account-security = Seguridad de la cuenta
header-signed-in-as = Sesión de { $name }
action-sign-out = Cerrar sesión
action-cancel = Cancelar
action-confirm = Confirmar
action-continue = Continuar
back-to-sign-in = Volver a iniciar sesión

error-not-available = Esto aún no está disponible. Llame a la clínica para pedir ayuda.
error-too-many = Demasiados intentos. Espere { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
} e inténtelo de nuevo.
form-error-title = Hay un problema
error-email-missing = Escriba su correo electrónico, por ejemplo nombre@ejemplo.com.
error-password-missing = Escriba su contraseña.
error-code-missing = Escriba el código.
error-code-six-digits = Escriba los 6 números de su aplicación.
error-recovery-code-missing = Escriba uno de sus códigos de recuperación.
error-activation-code-missing = Escriba el código que le dio la clínica.
error-birth-date-missing = Escriba su fecha de nacimiento.

field-email = Correo electrónico
field-password = Contraseña
field-new-password = Contraseña nueva
field-code = Código
field-recovery-code = Código de recuperación
field-activation-code = Código de la clínica
field-birth-date = Fecha de nacimiento

password-show = Mostrar contraseña
password-hide = Ocultar contraseña
password-strength-ok = Esta contraseña es segura.
password-too-short = Use al menos { $count } caracteres.
password-too-long = No use más de { $count } caracteres.
password-too-easy = Esta contraseña es muy fácil de adivinar. Pruebe con varias palabras que no vayan juntas.

sign-in-title = Iniciar sesión
sign-in-submit = Iniciar sesión
sign-in-wrong = El correo o la contraseña no son correctos. Revíselos e inténtelo de nuevo.
sign-in-forgot = ¿Olvidó su contraseña?
sign-in-create = Crear su cuenta
sso-button = Iniciar sesión con su cuenta del trabajo
signed-out = Cerró su sesión.
signed-out-timed-out = Cerramos su sesión porque no la usó por un tiempo. Así protegemos su información. Inicie sesión otra vez.
signed-out-ended = Su sesión se cerró. Inicie sesión otra vez.
sso-error-unavailable = No pudimos conectar con su cuenta del trabajo. Inténtelo más tarde o use su contraseña.
sso-error-cancelled = Se detuvo el inicio de sesión con su cuenta del trabajo.
sso-error-expired = El inicio de sesión tardó demasiado. Inténtelo de nuevo.
sso-error-failed = Algo salió mal. Inténtelo de nuevo.
sso-error-no-account = No encontramos una cuenta para usted. Llame a la clínica.
sso-error-not-allowed = Esta cuenta no puede iniciar sesión así. Use su correo y contraseña.

second-step-title = Escriba su código
code-hint = Abra su aplicación de autenticación. Escriba los 6 números que muestra para este portal.
recovery-code-hint = Escriba uno de los códigos de recuperación que guardó. Cada código sirve una vez.
second-step-submit = Continuar
second-step-use-recovery = Usar un código de recuperación
second-step-use-app = Usar el código de su aplicación
second-step-passkey = Usar una llave de acceso
passkey-not-used = No se usó la llave de acceso. Inténtelo de nuevo o escriba un código.
second-step-start-over = Empezar de nuevo
code-wrong = Ese código no es correcto. Revíselo e inténtelo de nuevo.
code-start-over = Empiece otra vez desde la página para iniciar sesión.

setup-title = Activar el inicio de sesión en dos pasos
setup-intro = El inicio de sesión en dos pasos protege su cuenta. Necesita su contraseña y un código de una aplicación en su teléfono.
setup-scan-title = Agregue el portal a su aplicación
setup-scan-body = Abra una aplicación de autenticación en su teléfono. Agregue una cuenta nueva y escanee esta imagen.
setup-qr-alt = Código QR para su aplicación de autenticación. Si no puede escanearlo, escriba la clave que aparece abajo.
setup-key-label = ¿No puede escanearlo? Escriba esta clave en su aplicación:
setup-confirm-title = Escriba el código de su aplicación
setup-confirm = Activar el inicio de sesión en dos pasos
setup-sign-in-first = Primero inicie sesión.

recovery-title = Guarde sus códigos de recuperación
recovery-intro = Si pierde su teléfono, puede iniciar sesión con uno de estos códigos. Cada código sirve una vez. Guárdelos en un lugar seguro.
recovery-list = Códigos de recuperación
recovery-copy = Copiar los códigos
recovery-download = Descargar como archivo
recovery-print = Imprimir
recovery-copied = Los códigos están copiados.
recovery-copy-failed = No pudimos copiar los códigos. Escríbalos en un papel.
recovery-downloaded = El archivo está en sus descargas.
recovery-file-heading = Códigos de recuperación de su portal del paciente. Cada código sirve una vez.
recovery-saved = Guardé estos códigos
recovery-saved-missing = Marque la casilla para decir que guardó los códigos.

reauth-title = Confirme que es usted
reauth-intro = Para proteger su cuenta, escriba su contraseña otra vez.
reauth-code-hint = El código de su aplicación o un código de recuperación.
reauth-wrong = No coincide. Revise su contraseña y su código.

account-title = Seguridad de la cuenta
account-email-title = Correo electrónico
account-email-verified = Su correo está confirmado.
account-email-not-verified = Su correo aún no está confirmado. Busque nuestro correo y abra el enlace.
two-step-title = Inicio de sesión en dos pasos
two-step-on = El inicio de sesión en dos pasos está activado.
two-step-off = El inicio de sesión en dos pasos está desactivado.
two-step-turn-on = Activar el inicio de sesión en dos pasos
two-step-new-app = Cambiar a un teléfono nuevo
two-step-turn-off = Desactivar el inicio de sesión en dos pasos
two-step-turn-off-hint = Para desactivarlo, su contraseña debe tener al menos 15 caracteres.
two-step-turned-off = El inicio de sesión en dos pasos ahora está desactivado.
recovery-left = { $count ->
    [one] Le queda 1 código de recuperación.
   *[other] Le quedan { $count } códigos de recuperación.
}
recovery-new = Obtener códigos nuevos
password-title = Cambiar su contraseña
password-rules = Use al menos { $count } caracteres. Varias palabras que no vayan juntas funcionan bien.
password-submit = Cambiar la contraseña
password-changed = Su contraseña cambió. Cerramos su sesión en sus otros dispositivos.
sessions-title = Dónde tiene la sesión abierta
session-this-device = Este dispositivo
session-last-active = Usado por última vez el { $when }
session-signed-in = Inició sesión el { $when }
session-sign-out = Cerrar sesión
session-ended = Se cerró la sesión en ese dispositivo.
device-browser-on-system = { $browser } en { $system }
device-unknown = Dispositivo desconocido
everywhere-button = Cerrar sesión en todas partes
everywhere-title = ¿Cerrar sesión en todas partes?
everywhere-body = Se cerrará su sesión en todos sus dispositivos, también en este.
everywhere-confirm = Sí, cerrar sesión en todas partes
passkeys-title = Llaves de acceso
passkeys-none = Aún no tiene llaves de acceso.
passkey-added = Agregada el { $when }
passkey-remove = Quitar
passkey-added-now = La llave de acceso está agregada.
passkey-add = Agregar una llave de acceso en este dispositivo
field-passkey-name = Nombre de la llave de acceso
passkey-name-hint = Por ejemplo, Mi teléfono.
error-passkey-name-missing = Dele un nombre a la llave de acceso.
passkey-removed = La llave de acceso está quitada.

idle-title = ¿Sigue ahí?
idle-body = Pronto cerraremos su sesión porque no ha hecho nada por un tiempo. Así protegemos su información.
idle-left = Tiempo restante: { $time }
idle-minutes = { $count ->
    [one] 1 minuto
   *[other] { $count } minutos
}
idle-seconds = { $count ->
    [one] 1 segundo
   *[other] { $count } segundos
}
idle-stay = Seguir con la sesión abierta

enrol-title = Crear su cuenta
enrol-intro = Necesita el código que le dio la clínica.
enrol-code-hint = Se ve así: ABCD-EFGH-JKLM.
enrol-submit = Crear la cuenta
enrol-wrong = No pudimos confirmar estos datos. Revise el código y su fecha de nacimiento.
enrol-have-account = Ya tengo una cuenta

forgot-title = ¿Olvidó su contraseña?
forgot-intro = Escriba su correo. Le enviaremos un enlace para elegir una contraseña nueva.
forgot-submit = Enviar el enlace
forgot-sent = Si tenemos una cuenta con este correo, le enviamos un enlace. Revise su correo.
reset-title = Elija una contraseña nueva
reset-submit = Guardar la contraseña nueva
reset-done = Su contraseña cambió. Ya puede iniciar sesión.
reset-link-bad = Este enlace no funciona. Puede ser viejo o ya se usó.
reset-ask-again = Pedir un enlace nuevo
verify-title = Confirmar su correo
verify-done = Gracias. { $email } está confirmado.
verify-bad = Este enlace no funciona. Puede ser viejo o ya se usó.

# Quién puede ver el historial (representantes) y quién lo vio.
own-record-only = Esta página es para su propio historial de salud. Su cuenta no tiene uno.
record-access-title = Quién puede ver su historial
proxies-title = Personas que pueden ver mi historial
proxies-intro = Puede dejar que alguien de confianza vea su historial o le ayude con él. Por ejemplo, un familiar o una persona que lo cuida. Puede quitarle el acceso cuando quiera.
proxies-list-title = Personas con acceso
proxies-none = Nadie más puede ver su historial.
proxy-guardian = Padre, madre o tutor
proxy-guardian-about = La clínica agregó a esta persona. Lo que puede ver depende de su edad. Para cambiarlo, llame a la clínica.
proxy-can = Puede:
proxy-scope-records = Ver su historial de salud
proxy-scope-appointments = Hacer y cambiar sus citas
proxy-scope-messages = Enviar y leer mensajes con su equipo de atención
proxy-scope-billing = Ver y pagar sus cuentas
proxy-private-yes = También puede ver sus datos de salud privados.
proxy-private-no = No puede ver sus datos de salud privados.
proxy-since = Agregado el { $when }
proxy-remove = Quitar el acceso
proxy-remove-title = ¿Quitar el acceso a { $name }?
proxy-remove-body = Ya no podrá ver su historial ni actuar por usted. Puede darle acceso de nuevo más tarde.
proxy-remove-confirm = Sí, quitar el acceso
proxy-removed = { $name } ya no puede ver su historial.
proxy-add-title = Dar acceso a alguien
proxy-add-intro = La persona necesita su propia cuenta en este portal. Pregúntele qué correo usa para ella.
proxy-field-email = Su correo electrónico
proxy-email-hint = El correo que usa para entrar a este portal.
proxy-field-relationship = Quién es para usted (no es obligatorio)
proxy-relationship-hint = Por ejemplo, hija o cuidador.
proxy-scopes-legend = ¿Qué puede hacer por usted?
proxy-private-legend = Datos de salud privados
proxy-private-hint = Algunas partes de su historial son muy privadas: salud mental, salud sexual, embarazo y anticonceptivos, y uso de drogas o alcohol. No las verá a menos que marque la casilla.
proxy-private-allow = Dejar que también vea mis datos de salud privados
proxy-add-submit = Dar acceso
proxy-added = { $name } ya puede ver su historial.
proxy-error-email = Escriba su correo, por ejemplo nombre@ejemplo.com.
proxy-error-relationship = Use { $count } caracteres como máximo.
proxy-error-scopes = Elija al menos una cosa que pueda hacer por usted.
proxy-error-no-account = No pudimos agregar a nadie con este correo. Primero necesita su propia cuenta en el portal.
proxy-error-self = Este es su propio correo. Escriba el correo de la persona que quiere agregar.
access-log-title = Quién vio mi historial
access-log-intro = Cada vez que otra persona abre su historial de salud, lo anotamos. Aquí puede ver quién fue, cuándo y qué miró. Lo más nuevo aparece primero.
access-log-none = Nadie más ha abierto su historial todavía.
access-log-caption = Veces que alguien abrió su historial
access-log-who = Quién
access-log-role = Su trabajo
access-log-when = Cuándo
access-log-what = Qué miró
access-log-emergency = Acceso de emergencia
access-log-more = Mostrar más
viewer-role-clinician = Médico u otro proveedor
viewer-role-nurse = Enfermero o enfermera
viewer-role-front-desk = Recepción
viewer-role-billing = Oficina de cobros
viewer-role-admin = Personal del portal
viewer-role-security = Personal de privacidad y seguridad
viewer-role-proxy = Alguien que puede ver su historial
viewer-role-other = Personal de la clínica
viewer-what-summary = Su resumen de salud
viewer-what-results = Resultados de pruebas
viewer-what-problems = Problemas de salud
viewer-what-allergies = Alergias
viewer-what-medicines = Medicinas
viewer-what-vaccines = Vacunas
viewer-what-visits = Visitas
viewer-what-documents = Documentos
viewer-what-care-plans = Planes de atención y metas
viewer-what-insurance = Seguro médico
viewer-what-other = Otras partes de su historial
