<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg(titleKey)>
    <p class="viewgate-message" id="viewgate-message">${msg(messageKey)}</p>
</@layout.page>
