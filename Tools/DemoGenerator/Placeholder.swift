/// Placeholder until the demo generator lands.
enum DemoGeneratorPlaceholder {}
