# Palabras para el paciente en español. Cada clave debe estar también en en.ftl (una prueba lo revisa).
# Use palabras sencillas y frases cortas.

app-name = Portal del paciente
document-title = { $page } · { app-name }

skip-to-main = Saltar al contenido principal
nav-main = Principal
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
