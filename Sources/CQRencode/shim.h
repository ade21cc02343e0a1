// libqrencode (Debian's libqrencode-dev): the QR codes of the simulator's QR payments.
#include <qrencode.h>
