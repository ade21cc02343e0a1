/* anchors the CVipps module; include/vipps.h is its content */
