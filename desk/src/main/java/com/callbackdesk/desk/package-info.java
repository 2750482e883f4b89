/**
 * The application layer: every use case of the desk, once. Adapters (Camel routes, the HTTP API,
 * the AMI event handlers, the command line and the demo) translate into these calls and hold no
 * use case of their own.
 */
package com.callbackdesk.desk;
